"""What the generator cannot read from the spec: Java names and packages, merged schemas, enum names, unions.

Every schema of spec/openapi.json and spec/per-tag/*.yml must appear in SCHEMAS or HANDWRITTEN; the generator stops
and names any schema it cannot place. Keep this file the single place where naming decisions live.
"""

# Java type (package, simple name) -> spec schemas it represents (merged: union of properties, intersection of required).
# The first schema listed supplies the type's Javadoc.
SCHEMAS = {
    # --- common -----------------------------------------------------------------------------------------------
    ("common", "BoundingBox"): ["BoundingBox"],
    ("common", "PageRange"): ["PageRange"],
    ("common", "AsyncOptions"): ["config__v3__AsyncConfig"],
    ("common", "SvixWebhookConfig"): ["SvixWebhookConfig"],
    ("common", "DirectWebhookConfig"): ["DirectWebhookConfig"],
    ("common", "WebhookSettings"): ["WebhookConfigNew"],
    ("common", "ParseUsage"): ["ParseUsage"],
    # --- upload -----------------------------------------------------------------------------------------------
    ("upload", "Upload"): ["UploadResponse"],
    ("upload", "UploadForm"): ["Body_upload_upload_post"],
    # --- job --------------------------------------------------------------------------------------------------
    ("job", "SubmittedJob"): ["AsyncParseResponse", "AsyncExtractResponse", "AsyncSplitResponse", "AsyncEditResponse",
                              "AsyncPipelineResponse"],
    ("job", "JobResponse"): ["EnhancedAsyncJobResponse", "AsyncJobResponse"],
    ("job", "JobError"): ["JobError"],
    ("job", "JobSummary"): ["SingleJob"],
    ("job", "JobsPage"): ["JobsResponse"],
    # --- parse ------------------------------------------------------------------------------------------------
    ("parse", "ParseRequest"): ["AsyncParseConfig", "SyncParseConfig"],
    ("parse", "ParseOptions"): ["ParseOptions"],
    ("parse", "EnhanceOptions"): ["Enhance"],
    ("parse", "AgenticFigureOptions"): ["FigureAgentic"],
    ("parse", "AgenticTableOptions"): ["TableAgentic"],
    ("parse", "AgenticTextOptions"): ["TextAgentic"],
    ("parse", "RetrievalOptions"): ["Retrieval"],
    ("parse", "ChunkingOptions"): ["Chunking"],
    ("parse", "FormattingOptions"): ["Formatting"],
    ("parse", "SpreadsheetOptions"): ["Spreadsheet"],
    ("parse", "LargeTableSplitting"): ["SplitLargeTables"],
    ("parse", "LargeTableSplitSize"): ["SplitLargeTableSizes"],
    ("parse", "ParseSettings"): ["Settings"],
    ("parse", "ParseResponse"): ["ParseResponse"],
    ("parse", "FullResult"): ["FullResult"],
    ("parse", "UrlResult"): ["UrlResult"],
    ("parse", "ParseChunk"): ["ParseChunk"],
    ("parse", "ParseBlock"): ["ParseBlock"],
    ("parse", "GranularConfidence"): ["GranularConfidence"],
    ("parse", "OcrResult"): ["OCRResult"],
    ("parse", "OcrWord"): ["OCRWord"],
    ("parse", "OcrLine"): ["OCRLine"],
    # --- extract ----------------------------------------------------------------------------------------------
    ("extract", "ExtractRequest"): ["AsyncExtractConfig", "SyncExtractConfig"],
    ("extract", "ExtractInstructions"): ["Instructions"],
    ("extract", "ExtractSettings"): ["ExtractSettings"],
    ("extract", "CitationSettings"): ["Citations"],
    ("extract", "ExtractResponse"): ["ExtractResponse"],
    ("extract", "CitedExtractResponse"): ["V3ExtractResponse"],
    ("extract", "ExtractUsage"): ["ExtractUsage"],
    # --- split ------------------------------------------------------------------------------------------------
    ("split", "SplitRequest"): ["config__v3__AsyncSplitConfig", "SyncSplitConfig"],
    ("split", "SplitCategory"): ["SplitCategory"],
    ("split", "SplitSettings"): ["SplitSettings", "SplitTableOptions"],
    ("split", "SplitResponse"): ["SplitResponse"],
    ("split", "SplitResult"): ["SplitResult"],
    ("split", "SplitSection"): ["Split"],
    ("split", "SplitPartition"): ["SplitPartition"],
    ("split", "DeepSplitResult"): ["DeepSplitResult"],
    ("split", "DeepSplitSection"): ["DeepSplit"],
    ("split", "DeepSplitPartition"): ["DeepSplitPartition"],
    ("split", "PageEvidence"): ["DeepSplitPageEvidence"],
    # --- edit -------------------------------------------------------------------------------------------------
    ("edit", "EditRequest"): ["AsyncEditConfig", "EditConfig"],
    ("edit", "EditOptions"): ["EditOptions"],
    ("edit", "EditWidget"): ["EditWidget"],
    ("edit", "EditResponse"): ["EditResponse"],
    # --- pipeline ---------------------------------------------------------------------------------------------
    ("pipeline", "PipelineRequest"): ["V3AsyncPipelineConfig", "V3PipelineConfig"],
    ("pipeline", "PipelineSettings"): ["PipelineSettings"],
    ("pipeline", "PipelineResponse"): ["PipelineResponse"],
    ("pipeline", "PipelineResult"): ["PipelineResult"],
    ("pipeline", "ExtractSplitResponse"): ["ExtractSplitResponse"],
    # --- classify ---------------------------------------------------------------------------------------------
    ("classify", "ClassifyRequest"): ["ClassifyConfig"],
    ("classify", "ClassificationCategory"): ["ClassificationCategory"],
    ("classify", "ClassifyResponse"): ["ClassifyResponse"],
    ("classify", "ClassifyUsage"): ["ClassifyUsage"],
    ("classify", "ClassificationResult"): ["ClassifyResponseCategory"],
    ("classify", "ClassificationConfidence"): ["ResponseConfidence"],
    ("classify", "CategoryConfidence"): ["CategoryConfidence"],
    ("classify", "CriterionConfidence"): ["CriteriaConfidence"],
    # --- cite -------------------------------------------------------------------------------------------------
    ("cite", "CiteRequest"): ["CiteRequest"],
    ("cite", "CitationQuery"): ["CitationQuery"],
    ("cite", "CiteResponse"): ["CiteResponse"],
    ("cite", "CitationQueryResult"): ["CitationQueryResult"],
    ("cite", "CitationMatch"): ["CitationMatch"],
    # --- legacy: the document_url/options request generation and the internal configuration ------------------
    ("legacy", "LegacyParseRequest"): ["AsyncParseConfigNew", "ParseConfigNew"],
    ("legacy", "LegacyExtractRequest"): ["AsyncExtractConfigNew", "ExtractConfigNew"],
    ("legacy", "LegacySplitRequest"): ["config__v2__AsyncSplitConfig", "SplitConfig"],
    ("legacy", "LegacyPipelineRequest"): ["AsyncPipelineConfig", "PipelineConfig"],
    ("legacy", "LegacyOptions"): ["BaseProcessingOptions"],
    ("legacy", "LegacyAdvancedOptions"): ["AdvancedProcessingOptions"],
    ("legacy", "LegacyExperimentalOptions"): ["ExperimentalProcessingOptions"],
    ("legacy", "LegacyChunkingOptions"): ["ChunkingConfig"],
    ("legacy", "TableSummaryOptions"): ["TableSummaryConfig"],
    ("legacy", "FigureSummaryOptions"): ["FigureSummaryConfig"],
    ("legacy", "LargeTableChunkingOptions"): ["LargeTableChunkingConfig"],
    ("legacy", "EnrichOptions"): ["EnrichConfig"],
    ("legacy", "ArrayExtractOptions"): ["ArrayExtractConfig"],
    ("legacy", "CitationOptions"): ["AdvancedCitationsConfig"],
    ("legacy", "AgentExtractOptions"): ["AgentExtractConfig"],
    ("legacy", "LegacySplitOptions"): ["SplitOptions"],
    ("legacy", "InternalParseConfig"): ["ParseConfig"],
    ("legacy", "InternalExtractConfig"): ["ExtractConfig"],
    ("legacy", "InternalExtractOptions"): ["ExtractConfigOptions"],
    ("legacy", "InternalProcessingOptions"): ["ProcessingOptions"],
    ("legacy", "InternalAsyncOptions"): ["config__internal__AsyncConfig"],
    ("legacy", "InternalWebhookConfig"): ["WebhookConfig"],
    ("legacy", "ProcessingOverrides"): ["ProcessingOverrides"],
    ("legacy", "ProcessingOverridesBase"): ["ProcessingOverridesBase"],
    ("legacy", "AgenticTablesOverrides"): ["AgenticTablesOverrides"],
    ("legacy", "CustomerQueueOverrides"): ["CustomerQueueOverrides"],
    ("legacy", "ExtractCitationsOverrides"): ["ExtractCitationsOverrides"],
    ("legacy", "KeyValueOverrides"): ["KeyValueOverrides"],
    ("legacy", "ParseAlpha"): ["ParseAlpha"],
    ("legacy", "ExtractAlpha"): ["ExtractAlpha"],
    ("legacy", "SplitAlpha"): ["SplitAlpha"],
    ("legacy", "AgentInTheLoop"): ["AgentInTheLoop"],
    ("legacy", "LayoutAgentic"): ["LayoutAgentic"],
}

# Spec schemas represented by hand-written types (checked by the spec-coverage test like the generated ones).
HANDWRITTEN = {
    "HTTPValidationError": ("error", "ValidationErrorBody"),
    "ValidationError": ("error", "ValidationIssue"),
}

# Top-level enum schemas, generated as open enum-like types.
ENUM_SCHEMAS = {"QueuePriority": ("common", "QueuePriority")}

# Fields the live service sends that neither spec describes (see core/src/test/resources/examples/SOURCES.md).
# schema -> {property: JSON schema}
OBSERVED = {
    "ClassifyUsage": {
        "description": "Usage and billing figures of a classification, as the public documentation shows them.",
        "properties": {
            "num_pages": {"type": "integer", "description": "Pages looked at."},
            "num_categories": {"type": "integer", "description": "Categories the document was compared with."},
            "credits": {"anyOf": [{"type": "number"}, {"type": "null"}], "description": "Credits charged."},
        },
    },
    "ClassifyResponse": {
        "properties": {
            "usage": {"anyOf": [{"$ref": "#/components/schemas/ClassifyUsage"}, {"type": "null"}],
                      "description": "Usage and billing figures (in the public documentation, not in the spec)."},
        },
    },
    "JobError": {
        "description": "A job-level error object the live service attaches to failed jobs (not in the SDK spec).",
        "properties": {
            "code": {"type": "integer", "description": "Error code."},
            "name": {"type": "string", "description": "Error name, for example `TIMEOUT`."},
            "message": {"type": "string", "description": "Human-readable explanation."},
            "job_id": {"type": "string", "description": "The job the error belongs to."},
        },
    },
    "EnhancedAsyncJobResponse": {
        "properties": {
            "error": {"anyOf": [{"$ref": "#/components/schemas/JobError"}, {"type": "null"}],
                      "description": "Why the job failed, when the service says more than `reason`."},
        },
    },
    "ParseResponse": {
        "properties": {
            "document_properties": {"description": "Properties of the source document, as the service reports them."},
        },
    },
    "ParseUsage": {
        "properties": {
            "non_empty_cell_count": {"anyOf": [{"type": "integer"}, {"type": "null"}],
                                     "description": "Non-empty spreadsheet cells counted for billing."},
        },
    },
    "ExtractResponse": {
        "properties": {
            "response_type": {"type": "string", "const": "extract", "default": "extract",
                              "description": "Discriminator of job results: `extract`."},
        },
    },
    "V3ExtractResponse": {
        "properties": {
            "response_type": {"type": "string", "const": "v3_extract", "default": "v3_extract",
                              "description": "Discriminator of job results: `v3_extract`."},
            "citations": {"description": "Legacy top-level citations; the live service sends `null` here."},
        },
    },
}

# Enum-like values: (schema, property) -> (package, Java name). Properties sharing a name share one open type whose
# constants are the union of their values.
ENUMS = {
    ("ParseBlock", "type"): ("common", "BlockType"),
    ("BaseProcessingOptions", "filter_blocks"): ("common", "BlockType"),
    ("ProcessingOptions", "ignore_blocks"): ("common", "BlockType"),
    ("Retrieval", "filter_blocks"): ("common", "BlockType"),
    ("ParseBlock", "confidence"): ("common", "Confidence"),
    ("CriteriaConfidence", "confidence"): ("common", "Confidence"),
    ("Split", "conf"): ("common", "Confidence"),
    ("SplitPartition", "conf"): ("common", "Confidence"),
    ("DeepSplitPageEvidence", "confidence"): ("common", "Confidence"),
    ("Chunking", "chunk_mode"): ("common", "ChunkMode"),
    ("ChunkingConfig", "chunk_mode"): ("common", "ChunkMode"),
    ("ProcessingOptions", "chunk_mode"): ("common", "ChunkMode"),
    ("AdvancedProcessingOptions", "table_output_format"): ("common", "TableFormat"),
    ("Formatting", "table_output_format"): ("common", "TableFormat"),
    ("ProcessingOptions", "table_output_format"): ("common", "TableFormat"),
    ("BaseProcessingOptions", "extraction_mode"): ("common", "ExtractionMode"),
    ("Settings", "extraction_mode"): ("common", "ExtractionMode"),
    ("WebhookConfig", "mode"): ("common", "WebhookMode"),
    ("WebhookConfigNew", "mode"): ("common", "WebhookMode"),
    ("ParseUsage", "page_billing_breakdown"): ("common", "BillingCategory"),
    ("AsyncJobResponse", "status"): ("job", "JobStatus"),
    ("EnhancedAsyncJobResponse", "status"): ("job", "JobStatus"),
    ("SingleJob", "status"): ("job", "JobStatus"),
    ("EnhancedAsyncJobResponse", "type"): ("job", "JobType"),
    ("SingleJob", "type"): ("job", "JobType"),
    ("Settings", "ocr_system"): ("parse", "OcrSystem"),
    ("Settings", "return_images"): ("parse", "ImageType"),
    ("Formatting", "include"): ("parse", "FormattingFeature"),
    ("Spreadsheet", "include"): ("parse", "SpreadsheetFeature"),
    ("Spreadsheet", "exclude"): ("parse", "SpreadsheetExclusion"),
    ("Spreadsheet", "clustering"): ("parse", "SpreadsheetClustering"),
    ("TableAgentic", "mode"): ("parse", "AgenticTableMode"),
    ("ParseResponse", "parse_mode"): ("parse", "ParseMode"),
    ("ExtractUsage", "extract_mode"): ("extract", "ExtractMode"),
    ("SplitOptions", "table_cutoff"): ("split", "TableCutoff"),
    ("SplitSettings", "table_cutoff"): ("split", "TableCutoff"),
    ("SplitTableOptions", "table_cutoff"): ("split", "TableCutoff"),
    ("EditOptions", "llm_provider_preference"): ("edit", "LlmProvider"),
    ("EditWidget", "type"): ("edit", "WidgetType"),
    ("AdvancedProcessingOptions", "ocr_system"): ("legacy", "LegacyOcrSystem"),
    ("ProcessingOptions", "ocr_system"): ("legacy", "LegacyOcrSystem"),
    ("AdvancedProcessingOptions", "spreadsheet_table_clustering"): ("legacy", "SpreadsheetTableClustering"),
    ("ProcessingOptions", "spreadsheet_table_clustering"): ("legacy", "SpreadsheetTableClustering"),
    ("ArrayExtractConfig", "mode"): ("legacy", "ArrayExtractMode"),
    ("ExtractConfigOptions", "extract_algorithm"): ("legacy", "ArrayExtractMode"),
    ("BaseProcessingOptions", "ocr_mode"): ("legacy", "OcrMode"),
    ("ProcessingOptions", "ocr_mode"): ("legacy", "OcrMode"),
    ("EnrichConfig", "mode"): ("legacy", "EnrichMode"),
    ("ProcessingOptions", "enrich_mode"): ("legacy", "EnrichMode"),
    ("ExperimentalProcessingOptions", "layout_model"): ("legacy", "LayoutModel"),
    ("ProcessingOptions", "layout_model"): ("legacy", "LayoutModel"),
    ("ProcessingOptions", "version"): ("legacy", "ProcessingVersion"),
    ("ProcessingOptions", "pdf_ocr"): ("legacy", "PdfOcrMode"),
    ("ProcessingOptions", "mode"): ("legacy", "DocumentMode"),
    ("ProcessingOptions", "custom_format"): ("legacy", "CustomFormat"),
    ("ProcessingOptions", "spreadsheet_loader"): ("legacy", "SpreadsheetLoader"),
    ("ProcessingOptions", "agentic_text_thinking_level"): ("legacy", "ThinkingLevel"),
}

# Properties where an explicit JSON null means something other than leaving the field out; they become Nullable<T>.
# (Nullable properties with a non-null default are found in the spec on their own.)
NULL_MEANS_SOMETHING = {
    # "If you only want to split by rows or columns, set the other value to None."
    ("SplitLargeTableSizes", "row"),
    ("SplitLargeTableSizes", "column"),
}

# Fields an answer cannot be a success without, by generated record and wire name: decoding a JSON object that lacks
# one fails with a ReductoDecodeException naming the field, and so does a JSON null where the spec allows none. Only
# what a caller cannot do without (a job's status, a page's list, an operation's result, the id to follow) and no
# live capture lacks: the spec requires more, but documented and third-party answers leave those out.
DECODE_REQUIRED = {
    ("JobResponse", "status"),
    ("JobsPage", "jobs"),
    ("SubmittedJob", "job_id"),
    ("ParseResponse", "result"),
    ("UrlResult", "url"),
    ("ExtractResponse", "result"),
    ("CitedExtractResponse", "result"),
    ("SplitResponse", "result"),
    ("EditResponse", "document_url"),
    ("PipelineResponse", "result"),
    ("ClassifyResponse", "result"),
    ("Upload", "file_id"),
}

# Hand-written enum-like types the generator uses but does not write: Java name -> package.
HANDWRITTEN_ENUMS = {"JobStatus": "job"}

# Unions, keyed by the signature of their non-null alternatives -> (package, hand-written Java type).
UNIONS = {
    "string|UploadResponse": ("common", "DocumentInput"),
    "string|list<string>|UploadResponse": ("common", "DocumentInput"),
    "string|list<string>": ("common", "DocumentInput"),
    "PageRange|list<PageRange>|list<integer>|list<string>": ("common", "PageSelection"),
    "PageRange|list<PageRange>|list<integer>": ("common", "PageSelection"),
    "FullResult|UrlResult": ("parse", "ParseResult"),
    "ExtractResponse|V3ExtractResponse": ("extract", "ExtractResult"),
    "SplitResult|DeepSplitResult": ("split", "SplitOutput"),
    "SvixWebhookConfig|DirectWebhookConfig": ("common", "WebhookConfig"),
    "ParseResponse|ExtractResponse|SplitResponse|EditResponse|PipelineResponse|V3ExtractResponse|ClassifyResponse":
        ("job", "JobResult"),
    "ParseResponse|list<ParseResponse>": ("pipeline", "PipelineParseOutput"),
    "list<ExtractSplitResponse>|ExtractResponse|V3ExtractResponse": ("pipeline", "PipelineExtractOutput"),
    "integer|SplitLargeTableSizes": ("parse", "TableSplitSize"),
    "string|FullResult": ("cite", "CiteSource"),
    "TableAgentic|FigureAgentic|TextAgentic": ("parse", "AgenticOption"),
    "any|list<any>": (None, "JsonNode"),
    "string|string": (None, "String"),
}

# Generated records that are members of a hand-written sealed interface in the same package.
IMPLEMENTS = {
    "FullResult": "ParseResult", "UrlResult": "ParseResult",
    "ExtractResponse": "ExtractResult", "CitedExtractResponse": "ExtractResult",
    "SplitResult": "SplitOutput", "DeepSplitResult": "SplitOutput",
    "SvixWebhookConfig": "WebhookConfig", "DirectWebhookConfig": "WebhookConfig",
    "AgenticTableOptions": "AgenticOption", "AgenticFigureOptions": "AgenticOption",
    "AgenticTextOptions": "AgenticOption",
}

# Hand-written value types for string formats.
FORMATS = {"date-time": ("common", "Timestamp")}

# Records whose builder() is the main way users make them get a short usage example in their Javadoc.
EXAMPLES = {
    "ParseRequest": [
        'ParseRequest request = ParseRequest.builder()',
        '        .input(DocumentInput.url("https://example.com/report.pdf"))',
        '        .settings(ParseSettings.builder().pageRange(PageSelection.range(1, 5)).build())',
        '        .build();',
    ],
}
