// CMU PocketSphinx and SphinxBase from Debian (libpocketsphinx-dev, libsphinxbase-dev).
#include <pocketsphinx.h>
#include <sphinxbase/cmd_ln.h>
#include <sphinxbase/err.h>
#include <sphinxbase/logmath.h>
