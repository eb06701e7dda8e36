/// The JSON schemas the model-backed engines validate answers against, one per structured node.
enum Schemas {
    static let mediaDecision = """
    {"type":"object","required":["decision"],"additionalProperties":false,
     "properties":{"decision":{"type":"string","enum":["transcribe","vision","both","skip"]}}}
    """

    static let clarifyDecision = """
    {"type":"object","required":["should_ask","missing_fields"],"additionalProperties":false,
     "properties":{"should_ask":{"type":"boolean"},
                   "missing_fields":{"type":"array","items":{"type":"string","enum":["category","budget"]}}}}
    """

    static let requirementSpec = """
    {"type":"object","required":["category","budget","brands","excluded_brands","attributes","sort","missing_fields"],
     "additionalProperties":false,
     "properties":{
       "category":{"type":["string","null"]},
       "query":{"type":["string","null"]},
       "keywords":{"type":"array","items":{"type":"string"}},
       "budget":{"type":"object","additionalProperties":false,
                 "properties":{"min":{"type":["number","null"],"minimum":0},
                               "max":{"type":["number","null"],"minimum":0},
                               "currency":{"type":"string"}}},
       "brands":{"type":"array","items":{"type":"string"}},
       "excluded_brands":{"type":"array","items":{"type":"string"}},
       "attributes":{"type":"object","additionalProperties":{"type":"string"}},
       "features":{"type":"array","items":{"type":"string"}},
       "use_case":{"type":["string","null"]},
       "condition":{"type":["string","null"]},
       "sort":{"type":"string","enum":["relevance","price_asc","price_desc","rating"]},
       "missing_fields":{"type":"array","items":{"type":"string","enum":["category","budget"]}},
       "confidence":{"type":"number","minimum":0,"maximum":1}}}
    """
}
