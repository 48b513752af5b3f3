"""Javadoc in our own words where the spec says nothing or too little.

TYPE_DOCS: Java type name -> first paragraph of the type's Javadoc (replaces the spec's description when given).
PROPERTY_DOCS: "JavaType.wire_name" -> the component's Javadoc (replaces the spec's description when given).
Text is plain Javadoc text: use `code` for code (rendered as {@code code}); no HTML needed.

Sources: the spec's sibling descriptions, enum values, titles and defaults; the live service's behaviour listed in spec/README.md; the
payloads in core/src/test/resources/examples/ (see SOURCES.md there); the public docs at docs.reducto.ai.
Keep the first sentence of each property text self-contained: builder methods repeat it alone. Avoid "e.g." and
other abbreviations ending in a full stop, which would cut that first sentence short.
"""

_KEPT = "Kept so such payloads can be read and written."
_LEGACY = "Belongs to the earlier request format (`document_url` plus `options` groups). " + _KEPT
_INTERNAL = "Belongs to the service's internal configuration, not to a public request body. " + _KEPT
_OPEN = "An open object whose fields the spec does not describe."

TYPE_DOCS = {
    # --- common -----------------------------------------------------------------------------------------------
    "BoundingBox":
        "A rectangle on one page of the document: `left` and `top` place its top-left corner, `width` and `height` "
        "give its size, all as fractions (0 to 1) of the page's width or height. "
        "Used for parsed blocks, OCR words and lines, extract citations, form widgets and cite matches. For "
        "spreadsheets the citation docs describe cell coordinates instead (1-indexed rows and columns, with `page` "
        "the sheet number).",
    "PageRange":
        "A run of 1-indexed pages, from page `start` through page `end`; either bound may be left out. One of the "
        "forms a `page_range` setting accepts, alone or in a list.",
    "AsyncOptions":
        "Options for asynchronous processing, sent as the `async` field of parse, extract, split and pipeline "
        "requests: a `webhook` to call when the job ends, `metadata` echoed back in that call, and a `priority` "
        "flag. Sent to `POST /parse` or `POST /extract`, it can make the service answer with a job id instead of "
        "the result.",
    "SvixWebhookConfig":
        "Webhook delivery through Svix (`mode` `svix`), the signed delivery the spec recommends for production. "
        "Endpoints are managed in the Svix portal whose URL `POST /configure_webhook` returns; `channels` narrows "
        "delivery to some of them. Messages have event type `async.update` and carry `svix-id`, `svix-timestamp` "
        "and `svix-signature` headers.",
    "DirectWebhookConfig":
        "Webhook delivery by a plain POST to your own `url` (`mode` `direct`). The body is "
        "`{status, job_id, metadata}`; requests are unsigned and retried up to 3 times, so a handler can see the "
        "same notification more than once.",
    "WebhookSettings":
        "Webhook settings as one flat object whose `mode` is `disabled` (the default), `svix` or `direct`. It is the "
        "`webhook` field of `POST /edit_async` requests and of the legacy request formats; V3 parse, extract, split "
        "and pipeline requests use `AsyncOptions.webhook` (a `SvixWebhookConfig` or `DirectWebhookConfig`) instead. "
        "`url` applies to `direct` mode only, `channels` to `svix` mode only.",
    "ParseUsage":
        "What a request consumed: pages processed and credits charged. Despite its name it is the `usage` object of "
        "parse, split, edit and pipeline responses; extract responses use `ExtractUsage`.",
    # --- upload -----------------------------------------------------------------------------------------------
    "Upload":
        "The answer of `POST /upload` (spec `UploadResponse`). `file_id` is a `reducto://` reference to the stored "
        "file and can be given directly as the document input of later requests (the whole object is accepted "
        "there too). When /upload is called without a file, `presigned_url` is set: PUT the bytes there (up to "
        "5 GB), then use `file_id`.",
    "UploadForm":
        "The body of `POST /upload`: a multipart form whose one field, `file`, carries the document (up to 100 MB). "
        "Leave `file` out to start the large-file flow, in which the bytes go to the response's `presigned_url`.",
    # --- job --------------------------------------------------------------------------------------------------
    "SubmittedJob":
        "What every `*_async` endpoint answers (`/parse_async`, `/extract_async`, `/split_async`, `/edit_async`, "
        "`/pipeline_async`): just `{job_id}`. `POST /parse` and `POST /extract` can answer the same way when their "
        "request carries an `async` config. Follow the job with `GET /job/{job_id}` or a webhook; job results are "
        "kept for 12 hours.",
    "JobResponse":
        "The answer of `GET /job/{job_id}`: the job's `status`, its `result` once completed, and `progress` or "
        "`reason` along the way; the richer form the service may send adds `type`, page counts, `duration`, "
        "`created_at` and the submitted configuration. Job results are kept for 12 hours.",
    "JobSummary":
        "One job in a page of `GET /jobs`: id, status, type, creation time, page counts, duration and, unless "
        "`exclude_configs` was set, the configuration it was submitted with. It carries no result; fetch that with "
        "`GET /job/{job_id}`.",
    "JobsPage":
        "One page of `GET /jobs`. Pass `next_cursor` as the `cursor` query parameter to get the next page; it is "
        "`null` on the last page. The page size is the `limit` query parameter (1 to 500, default 100).",
    # --- parse ------------------------------------------------------------------------------------------------
    "ParseRequest":
        "The body of both `POST /parse` and `POST /parse_async`: the document `input` plus optional groups of "
        "settings (`enhance`, `retrieval`, `formatting`, `spreadsheet`, `settings`). `async` and `queue_priority` "
        "belong to the `/parse_async` form; sent to `/parse`, an `async` config can make the service answer with a "
        "job id instead of the result.",
    "ParseOptions":
        "The parse settings of a parse request without its input: the `parsing` field of extract and split "
        "requests, used when the document has to be parsed first. Ignored when the input is a `jobid://` reference "
        "to an earlier parse.",
    "EnhanceOptions":
        "Model-based enhancements to parsing: agentic passes over chosen kinds of content (`agentic`), figure "
        "summaries, and reading-order correction. The agentic passes add cost and latency.",
    "AgenticFigureOptions":
        "An agentic pass over figures (`scope` `figure`): a vision language model reviews charts and diagrams, "
        "optionally with a custom prompt, the advanced chart agent, or overlays returned for checking. One element "
        "of `EnhanceOptions.agentic`.",
    "AgenticTableOptions":
        "An agentic pass over tables (`scope` `table`): a vision language model reviews table structure, on every "
        "table or, in `auto` mode, only where a router expects it to help. One element of `EnhanceOptions.agentic`.",
    "AgenticTextOptions":
        "An agentic pass over text (`scope` `text`), meant for hard-to-read content such as handwriting; its custom "
        "prompt applies to form (key-value) regions only. One element of `EnhanceOptions.agentic`.",
    "RetrievalOptions":
        "Settings that shape parse output for retrieval (RAG): how the document is chunked, which block types are "
        "left out of chunk `content` and `embed`, and whether `embed` is optimised for embedding models.",
    "ChunkingOptions":
        "How the parsed document is cut into chunks: a `chunk_mode` (the default, `disabled`, gives one chunk for "
        "the whole document), an approximate `chunk_size` in characters, and an overlap between neighbouring "
        "chunks.",
    "FormattingOptions":
        "How parsed content is written out: the table format, page markers, merging of consecutive tables, and "
        "extras such as change tracking, highlights, comments, hyperlinks and signatures.",
    "SpreadsheetOptions":
        "Settings that apply when the document is a spreadsheet: splitting of large tables, detection of several "
        "tables on one sheet (`clustering`), cell details to include, and hidden or styling content to leave out.",
    "LargeTableSplitting":
        "Whether and how large spreadsheet tables are cut into smaller ones: `size` is one number (50 by default) "
        "or separate row and column counts (`LargeTableSplitSize`).",
    "LargeTableSplitSize":
        "Separate row and column counts for splitting large spreadsheet tables: the object form of "
        "`LargeTableSplitting.size`. An explicit `null` for one of them means no splitting in that direction.",
    "ParseSettings":
        "General parse settings: OCR system and text extraction mode, page range, timeout and document password, "
        "and what the response carries (OCR data, images, URL form, a PDF with embedded text). The `settings` group "
        "of a parse request and of `ParseOptions`.",
    "ParseResponse":
        "The result of a parse: the answer of `POST /parse`, or the `result` of a completed parse job "
        "(`response_type` `parse`). The content is in `result`, either inline (`FullResult`) or, when the response "
        "would approach 6 MB or `force_url_result` is set, behind a URL (`UrlResult`).",
    "FullResult":
        "Parse output given inline (`type` `full`): the chunks with their blocks, plus OCR words and lines when "
        "`return_ocr_data` was set. The JSON behind a `UrlResult` URL is also a whole `FullResult`.",
    "UrlResult":
        "Parse output too large to send inline (`type` `url`), used when the response would approach 6 MB or when "
        "`force_url_result` is set. `url` is a presigned link, fetched without an auth header, that expires; it "
        "holds the `FullResult` JSON.",
    "ParseChunk":
        "One chunk of parsed content: its text as Markdown in `content`, a variant for embedding models in `embed`, "
        "optional enriched text, and the blocks it was built from. With chunking disabled the whole document is "
        "one chunk.",
    "ParseBlock":
        "One layout element found by parsing (a title, paragraph, table, figure, key-value pair and so on), with its "
        "type, content, position on the page and confidence. Citations in cited extract results have the same "
        "shape.",
    "GranularConfidence":
        "Numeric confidence scores for a parsed block or an extract citation: one for the parse and, on citations, "
        "one for the extracted value. Either may be `null`; in the captured responses they lie between 0 and 1.",
    "OcrResult":
        "Raw OCR output of a parse, as words and lines with their positions; included when `return_ocr_data` is "
        "set. `POST /cite` needs a parse that has it.",
    "OcrWord":
        "One word recognised by OCR, with its position, confidence, rotation and the chunk it belongs to.",
    "OcrLine":
        "One line of text recognised by OCR, with its position, confidence, rotation and the chunk it belongs to.",
    # --- extract ----------------------------------------------------------------------------------------------
    "ExtractRequest":
        "The body of both `POST /extract` and `POST /extract_async`: the document `input`, the `instructions` (a "
        "JSON schema and a system prompt), extraction `settings`, and the `parsing` settings used when the document "
        "has to be parsed first. `async` belongs to the `/extract_async` form; sent to `/extract`, it can make the "
        "service answer with a job id instead of the result.",
    "ExtractInstructions":
        "What to extract: a JSON schema describing the output you want, and a system prompt that guides the model.",
    "ExtractSettings":
        "Settings for the extraction step: images, latency optimisation, array extraction, Deep Extract and "
        "citations. With citations enabled the result comes as a `CitedExtractResponse` instead of an "
        "`ExtractResponse`.",
    "CitationSettings":
        "Whether extracted values come with citations to the blocks they were read from, and whether those "
        "citations carry numeric confidence scores. Enabling citations changes the response: `result` becomes an "
        "object whose leaves are `{value, citations}` (`CitedExtractResponse`).",
    "ExtractResponse":
        "The result of an extraction without citations (`response_type` `extract`): `result` is a list of objects "
        "in the shape of your schema, usually just one. The answer of `POST /extract` or the result of a completed "
        "extract job; with citations enabled the service sends a `CitedExtractResponse` instead.",
    "CitedExtractResponse":
        "The result of an extraction with citations (spec `V3ExtractResponse`, `response_type` `v3_extract`): "
        "`result` is an object in the shape of your schema whose leaves are `{value, citations}`, each citation a "
        "parse block. The answer of `POST /extract` or the result of a completed extract job.",
    "ExtractUsage":
        "What an extraction consumed: pages processed, fields extracted and credits charged, plus the extraction "
        "mode that ran.",
    # --- split ------------------------------------------------------------------------------------------------
    "SplitRequest":
        "The body of both `POST /split` and `POST /split_async`: the document `input`, the sections to look for "
        "(`split_description`), optional rules and settings, and the `parsing` settings used when the document has "
        "to be parsed first. `async` belongs to the `/split_async` form.",
    "SplitCategory":
        "One kind of section for split to look for: a `name` that labels it in the results, a natural-language "
        "`description` that pages are classified against, and an optional `partition_key` for sections that repeat "
        "(per account, per patient and so on).",
    "SplitSettings":
        "Settings for split: whether tables are cut to their first rows or kept whole (`table_cutoff`), whether a "
        "page may belong to several sections, and whether to use the Deep Split agent. The `settings` field of a split request.",
    "SplitResponse":
        "The result of a split: the answer of `POST /split`, or the `result` of a completed split job "
        "(`response_type` `split`). `result` is a `SplitResult`, or a `DeepSplitResult` with per-page evidence.",
    "SplitResult":
        "Standard split output: each requested section with the pages found for it, and a map from section name to "
        "pages.",
    "SplitSection":
        "One section found by split: its name from the request, the 1-indexed pages it covers, a `high` or `low` "
        "confidence and, when its category has a `partition_key`, its partitions.",
    "SplitPartition":
        "One partition of a split section, for categories with a `partition_key`: `name` is the identifier value "
        "found in the document (an account number, say), with the pages that belong to it and a confidence.",
    "DeepSplitResult":
        "Split output of the Deep Split agent: each section with per-page evidence instead of a plain page list.",
    "DeepSplitSection":
        "One section found by Deep Split: its name, the pages assigned to it with the evidence for each, and its "
        "partitions if any.",
    "DeepSplitPartition":
        "One partition of a Deep Split section: the identifier value found in the document as `name`, and its pages "
        "with their evidence.",
    "PageEvidence":
        "One page that Deep Split assigned to a section or partition, with the evidence for the assignment and, when "
        "confidence was asked for, a `high`, `medium` or `low` confidence.",
    # --- edit -------------------------------------------------------------------------------------------------
    "EditRequest":
        "The body of both `POST /edit` and `POST /edit_async`: the document (in `document_url`, not `input`), "
        "plain-language `edit_instructions`, and optionally `edit_options` and a `form_schema` describing PDF form "
        "fields. The async form takes a top-level `webhook` (`WebhookSettings`) instead of an `async` config.",
    "EditOptions":
        "How edits are drawn: text colour, font size, LLM provider, overflow pages for text that does not fit a "
        "field, and flattening of filled form fields.",
    "EditWidget":
        "One form field (widget) of a PDF: its type, description and position, and optionally the value to enter or "
        "an instruction to leave it empty. Sent in an edit request's `form_schema` and returned in the response's.",
    "EditResponse":
        "The result of an edit: the answer of `POST /edit`, or the `result` of a completed edit job (`response_type` "
        "`edit`). `document_url` is a presigned link to the edited document.",
    # --- pipeline ---------------------------------------------------------------------------------------------
    "PipelineRequest":
        "The body of both `POST /pipeline` and `POST /pipeline_async`: the document `input` and the `pipeline_id` "
        "of a pipeline deployed from Reducto Studio, whose steps and settings are then run on the document. `async` "
        "belongs to the `/pipeline_async` form.",
    "PipelineResponse":
        "The result of a pipeline run: the answer of `POST /pipeline`, or the `result` of a completed pipeline job "
        "(`response_type` `pipeline`). `result` holds the output of the pipeline's steps.",
    "PipelineResult":
        "The outputs of a pipeline's steps: `parse`, `extract`, `split` and `edit`, any of which may be `null`.",
    "ExtractSplitResponse":
        "The extract output for one section of a pipeline that splits and then extracts: the section's name and "
        "pages, its partition when the split category has a `partition_key`, and the extraction result for those "
        "pages. `PipelineResult.extract` is a list of these in such pipelines.",
    # --- classify ---------------------------------------------------------------------------------------------
    "ClassifyRequest":
        "The body of `POST /classify`, which has no async form: the document `input`, the categories to choose from "
        "with their criteria, and optionally the pages to look at and document metadata for the prompt.",
    "ClassifyResponse":
        "The answer of `POST /classify`, which runs synchronously; a job result with `response_type` `classify` has "
        "the same shape. `result.category` is the best-matching category; `response_confidence` shows, per category, "
        "which criteria matched.",
    "ClassificationResult":
        "The category classify chose: always one of the category names in the request's `classification_schema`.",
    # --- legacy: earlier request format ---------------------------------------------------------------------
    "LegacyParseRequest":
        "A parse request in the earlier format (spec `ParseConfigNew` and its async form): `document_url` and the "
        "`options`, `advanced_options` and `experimental_options` groups instead of V3's `input` and setting "
        "groups. " + _KEPT + " New code should use `ParseRequest`.",
    "LegacyExtractRequest":
        "An extract request in the earlier format (spec `ExtractConfigNew` and its async form): `document_url`, a "
        "top-level `schema` and `system_prompt`, and the `options` groups instead of V3's `input`, `instructions` "
        "and `settings`. " + _KEPT + " New code should use `ExtractRequest`.",
    "LegacySplitRequest":
        "A split request in the earlier format (spec `SplitConfig` and its async form): `document_url` and the "
        "`options` groups instead of V3's `input` and `parsing`. " + _KEPT + " New code should use `SplitRequest`.",
    "LegacyPipelineRequest":
        "A pipeline request in the earlier format (spec `PipelineConfig` and its async form), with `document_url` "
        "instead of V3's `input` and a top-level `webhook`. " + _KEPT + " New code should use `PipelineRequest`.",
    "LegacyOptions":
        "The basic `options` group of the earlier request format: OCR and extraction mode, chunking, table and "
        "figure summaries, block filtering and URL results. " + _KEPT,
    "LegacyAdvancedOptions":
        "The `advanced_options` group of the earlier request format: OCR system, table format, page range, "
        "spreadsheet handling and other output details. " + _KEPT,
    "LegacyExperimentalOptions":
        "The `experimental_options` group of the earlier request format: enrichment, layout model, office "
        "conversion, page and figure rotation, checkbox, equation and signature detection, images and more. "
        + _KEPT,
    "LegacyChunkingOptions":
        "Chunking settings of the earlier request format (`options.chunking`): the same fields as V3's "
        "`ChunkingOptions`, but `variable` is the default mode there. " + _KEPT,
    "TableSummaryOptions":
        "Table summarisation settings of the earlier request format (`options.table_summary`). " + _KEPT,
    "FigureSummaryOptions":
        "Figure summarisation settings of the earlier request format (`options.figure_summary`), including a custom "
        "prompt and the advanced chart agent. " + _KEPT,
    "LargeTableChunkingOptions":
        "Large-table chunking for spreadsheets and CSV files in the earlier request format "
        "(`advanced_options.large_table_chunking`). " + _KEPT,
    "EnrichOptions":
        "Enrichment settings of the earlier request format (`experimental_options.enrich`): post-processing of the "
        "extracted content by a language or vision model. " + _KEPT,
    "ArrayExtractOptions":
        "Array extraction settings of the earlier extract format (`array_extract`), for long lists spread over many "
        "pages. " + _KEPT,
    "CitationOptions":
        "Citation settings of the earlier extract format (`citations_options`). " + _KEPT,
    "AgentExtractOptions":
        "The agent extraction switch of the earlier extract format (`agent_extract`). " + _KEPT,
    "LegacySplitOptions":
        "Split settings of the earlier split format (`split_options`): the same `table_cutoff` as V3's "
        "`SplitSettings`. " + _KEPT,
    # --- legacy: internal configuration ---------------------------------------------------------------------
    "InternalExtractConfig":
        "An extract configuration of the service's internal configuration (spec `ExtractConfig`), with model "
        "choices and alpha flags that the public request formats do not offer; the spec describes few of its "
        "fields. " + _KEPT,
    "InternalExtractOptions":
        "Extraction options of the service's internal configuration (spec `ExtractConfigOptions`, the `options` of "
        "`InternalExtractConfig`). " + _KEPT,
    "InternalProcessingOptions":
        "Processing options of the service's internal configuration (spec `ProcessingOptions`): a flat set of parse "
        "settings, used as `InternalParseConfig.config` and `InternalExtractConfig.parse_config`. " + _KEPT,
    "InternalAsyncOptions":
        "Async options of the service's internal configuration (the `async` field of `InternalParseConfig` and "
        "`InternalExtractConfig`), with an explicit `enabled` switch. " + _KEPT,
    "InternalWebhookConfig":
        "Webhook settings of the service's internal configuration (spec `WebhookConfig`, in "
        "`InternalAsyncOptions.webhook`): `direct` mode, the default, or `svix`. " + _KEPT,
    "ProcessingOverrides":
        "Per-feature overrides of the service's internal configuration, found under `ParseAlpha.overrides`. An open "
        "object: the spec names four groups, none with described fields, and allows others. " + _KEPT,
    "ProcessingOverridesBase":
        "Overrides in the service's internal configuration (`InternalProcessingOptions.overrides`). " + _OPEN
        + " The spec says only that the service builds its fields at run time. " + _KEPT,
    "AgenticTablesOverrides":
        "Agentic-table overrides of the service's internal configuration (`ProcessingOverrides.agentic_tables`). "
        + _OPEN + " " + _KEPT,
    "CustomerQueueOverrides":
        "Customer-queue overrides of the service's internal configuration (`ProcessingOverrides.customer_queue`). "
        + _OPEN + " " + _KEPT,
    "ExtractCitationsOverrides":
        "Extract-citation overrides of the service's internal configuration "
        "(`ProcessingOverrides.extract_citations`). " + _OPEN + " " + _KEPT,
    "KeyValueOverrides":
        "Key-value overrides of the service's internal configuration (`ProcessingOverrides.key_value`). " + _OPEN
        + " " + _KEPT,
    "ParseAlpha":
        "Alpha parse settings of the service's internal configuration, holding per-feature `overrides`; an open "
        "object that no operation in the spec uses. " + _KEPT,
    "ExtractAlpha":
        "Alpha extract settings of the service's internal configuration. " + _OPEN
        + " No operation in the spec uses it. " + _KEPT,
    "SplitAlpha":
        "Alpha split settings of the service's internal configuration: Deep Split and confidence in its results. "
        "No operation in the spec uses it; V3 split requests turn Deep Split on with `SplitSettings.deep_split`. "
        + _KEPT,
    "AgentInTheLoop":
        "Agent-in-the-loop settings of the service's internal configuration, for having an agent handle one array "
        "field of an extraction. No operation in the spec uses it. " + _KEPT,
    "LayoutAgentic":
        "Agentic layout settings of the service's internal configuration. " + _OPEN
        + " No operation in the spec uses it. " + _KEPT,
}

_SEE_SPEC_UNTYPED = "the spec leaves the field untyped and undescribed"

PROPERTY_DOCS = {
    # --- common -----------------------------------------------------------------------------------------------
    "BoundingBox.left": "Distance of the box's left edge from the left of the page, as a fraction of the page width.",
    "BoundingBox.top": "Distance of the box's top edge from the top of the page, as a fraction of the page height.",
    "BoundingBox.width": "Width of the box, as a fraction of the page width.",
    "BoundingBox.height": "Height of the box, as a fraction of the page height.",
    "SvixWebhookConfig.mode": "Delivery mode, always `svix`.",
    "DirectWebhookConfig.mode": "Delivery mode, always `direct`.",
    "DirectWebhookConfig.url": "The endpoint Reducto POSTs the job notification to.",
    "WebhookSettings.url": "The endpoint to POST the job notification to; used in `direct` mode only.",
    "ParseUsage.num_pages": "Number of pages processed.",
    "ParseUsage.credits": "Credits charged for the request; may be fractional.",
    "ParseUsage.credit_breakdown":
        "Credits split by billing feature, keyed by feature name; a one-page parse shows `{\"page\": 1.0}`.",
    # --- upload -----------------------------------------------------------------------------------------------
    "Upload.file_id":
        "Reference to the stored file: `reducto://` and an id, with the file's extension when the file was sent "
        "with the request. Usable directly as a document input.",
    "Upload.presigned_url":
        "Where to PUT the file's bytes in the large-file flow, without an auth header; `null` when the file was "
        "sent with the request.",
    "UploadForm.file":
        "The document to upload, as the multipart field `file`; leave it out to get a `presigned_url` for files over "
        "100 MB.",
    # --- job --------------------------------------------------------------------------------------------------
    "SubmittedJob.job_id":
        "Id of the job that was started: poll it with `GET /job/{job_id}`, cancel it with `POST /cancel/{job_id}`, "
        "or reuse a finished parse as a `jobid://` input.",
    "JobResponse.status":
        "State of the job. The schema lists `Pending`, `Completed`, `Failed` and `Idle` (`Pending` and `Idle` both "
        "mean not finished); `InProgress`, `Completing` and `Cancelled` also occur.",
    "JobResponse.result":
        "Output of the job once it has completed: a parse, extract, cited extract, split, edit, pipeline or classify "
        "response, told apart by `response_type`.",
    "JobResponse.progress":
        "How far the job has got while it runs. Examples show a fraction (`0.5`) but the docs also print it as a "
        "percentage, so the unit is not settled.",
    "JobResponse.reason": "Why the job failed, as text, when `status` is `Failed`.",
    "JobResponse.type": "Which operation the job runs: `Parse`, `Extract`, `Split`, `Edit`, `Pipeline` or `Classify`.",
    "JobResponse.num_pages": "Number of pages the job processed, once known.",
    "JobResponse.total_pages":
        "Total page count the service reports for the job; the spec does not say how it differs from `num_pages`.",
    "JobResponse.source": "Source of the job as the service reports it; " + _SEE_SPEC_UNTYPED + ".",
    "JobResponse.duration": "How long the job ran, in seconds.",
    "JobResponse.created_at":
        "When the job was created; the service has been seen sending this without a zone offset.",
    "JobResponse.raw_config":
        "The configuration the job was submitted with, as one string; the spec does not define its format.",
    "JobResponse.bucket": "Bucket information for the job; " + _SEE_SPEC_UNTYPED + ".",
    "JobSummary.job_id": "Id of the job; `GET /job/{job_id}` returns its status and result.",
    "JobSummary.status":
        "State of the job: `Pending`, `Idle`, `InProgress`, `Completing`, `Completed`, `Failed` or `Cancelled`.",
    "JobSummary.type": "Which operation the job runs: `Parse`, `Extract`, `Split`, `Edit`, `Pipeline` or `Classify`.",
    "JobSummary.raw_config":
        "The configuration the job was submitted with, as one string; left out when the list was requested with "
        "`exclude_configs`, although the spec marks it required.",
    "JobSummary.created_at":
        "When the job was created; the service has been seen sending this without a zone offset.",
    "JobSummary.source": "Source of the job as the service reports it; " + _SEE_SPEC_UNTYPED + ".",
    "JobSummary.num_pages": "Number of pages the job processed, if known.",
    "JobSummary.total_pages":
        "Total page count the service reports for the job; the spec does not say how it differs from `num_pages`.",
    "JobSummary.duration": "How long the job ran, in seconds.",
    "JobSummary.bucket": "Bucket information for the job; " + _SEE_SPEC_UNTYPED + ".",
    # --- parse ------------------------------------------------------------------------------------------------
    "ParseRequest.enhance": "Model-based enhancements: agentic passes, figure summaries and reading order.",
    "ParseRequest.retrieval": "Chunking and other settings for retrieval use.",
    "ParseRequest.formatting": "How tables and other content are written in the output.",
    "ParseRequest.spreadsheet": "Settings that apply only when the document is a spreadsheet.",
    "ParseRequest.settings":
        "OCR, page range, timeout, password and response-content settings.",
    "ParseOptions.enhance": "Model-based enhancements: agentic passes, figure summaries and reading order.",
    "ParseOptions.retrieval": "Chunking and other settings for retrieval use.",
    "ParseOptions.formatting": "How tables and other content are written in the output.",
    "ParseOptions.spreadsheet": "Settings that apply only when the document is a spreadsheet.",
    "ParseOptions.settings": "OCR, page range, timeout, password and response-content settings.",
    "AgenticFigureOptions.scope": "Kind of content the agentic pass covers, always `figure`.",
    "AgenticTableOptions.scope": "Kind of content the agentic pass covers, always `table`.",
    "AgenticTextOptions.scope": "Kind of content the agentic pass covers, always `text`.",
    "RetrievalOptions.chunking": "How the document is cut into chunks.",
    "SpreadsheetOptions.split_large_tables": "Whether and how large tables are cut into smaller ones.",
    "ParseResponse.job_id":
        "Id of the parse job; give it as a `jobid://` input to reuse this parse in later requests.",
    "ParseResponse.usage": "Pages processed and credits charged.",
    "ParseResponse.response_type": "Discriminator of job results, always `parse`.",
    "FullResult.chunks": "The parsed content in chunks; a single chunk when chunking is disabled.",
    "FullResult.ocr": "Raw OCR words and lines, present when `return_ocr_data` was set.",
    "FullResult.custom": "A field " + _SEE_SPEC_UNTYPED + "; `null` in every captured response.",
    "UrlResult.url":
        "Presigned link to the whole result as `FullResult` JSON; fetch it without an auth header before it expires.",
    "UrlResult.result_id": "Identifier of the stored result; the spec does not describe it further.",
    "ParseChunk.blocks": "The layout blocks that make up the chunk.",
    "GranularConfidence.extract_confidence":
        "Confidence in the extracted value, on extract citations; `null` in plain parse output.",
    "GranularConfidence.parse_confidence": "Confidence in the parse of the block.",
    "OcrResult.words": "Every word recognised, with its position.",
    "OcrResult.lines": "Every line of text recognised, with its position.",
    "OcrWord.text": "The word as recognised.",
    "OcrWord.bbox": "Where the word is on the page.",
    "OcrLine.text": "The line's text as recognised.",
    "OcrLine.bbox": "Where the line is on the page.",
    # --- extract ----------------------------------------------------------------------------------------------
    "ExtractResponse.job_id": "Id of the extract job; may be `null`.",
    "ExtractResponse.usage": "Pages processed, fields extracted and credits charged.",
    "ExtractResponse.result": "The extracted data: a list of objects in the shape of your schema, usually just one.",
    "CitedExtractResponse.job_id": "Id of the extract job; may be `null`.",
    "CitedExtractResponse.usage": "Pages processed, fields extracted and credits charged.",
    "CitedExtractResponse.result":
        "The extracted data: one object in the shape of your schema whose leaves are `{value, citations}`. The spec "
        "also allows a list here.",
    "ExtractUsage.num_pages": "Number of pages processed.",
    "ExtractUsage.num_fields": "Number of fields extracted, counting nested fields inside arrays.",
    "ExtractUsage.credits": "Credits charged for the request; may be fractional.",
    "ExtractUsage.extract_mode": "Which extraction mode ran: `extract`, `super_agent` or `spreadsheet_agent`.",
    # --- split ------------------------------------------------------------------------------------------------
    "SplitCategory.name": "Name of the section; the results use it to label the pages found.",
    "SplitCategory.description":
        "What the section looks like, in natural language; the model classifies pages against it.",
    "SplitCategory.partition_key":
        "What identifies each occurrence of a section that repeats, such as an account number. Split reads that "
        "value from the document and groups the section's pages into partitions by it.",
    "SplitResponse.usage": "Pages processed and credits charged.",
    "SplitResponse.response_type": "Discriminator of job results, always `split`.",
    "SplitResult.section_mapping": "Map from section name to the 1-indexed pages found for it.",
    "SplitResult.splits": "Each requested section with its pages and confidence.",
    "SplitSection.name": "Name of the section, as given in `split_description`.",
    "SplitSection.pages": "The 1-indexed pages of the section.",
    "SplitSection.conf": "Confidence of the assignment, `high` or `low`.",
    "SplitSection.partitions":
        "The section broken down by its `partition_key` value; `null` when the category has no partition key.",
    "SplitPartition.name": "The identifier value found in the document for this partition, such as an account number.",
    "SplitPartition.pages": "The 1-indexed pages of the partition.",
    "SplitPartition.conf": "Confidence of the assignment, `high` or `low`.",
    "DeepSplitResult.splits": "Each section found, with its pages and the evidence for them.",
    "DeepSplitSection.name": "Name of the section, as given in `split_description`.",
    "DeepSplitSection.pages": "The pages assigned to the section, each with its evidence.",
    "DeepSplitSection.partitions":
        "The section broken down by its `partition_key` value; `null` when the category has no partition key.",
    "DeepSplitPartition.name": "The identifier value found in the document for this partition.",
    "DeepSplitPartition.pages": "The pages assigned to the partition, each with its evidence.",
    "PageEvidence.page_number": "The page number.",
    "PageEvidence.evidence": "Text the Deep Split agent gives to justify placing the page here.",
    "PageEvidence.confidence":
        "Confidence of the assignment, `high`, `medium` or `low`; present when confidence was asked for.",
    # --- edit -------------------------------------------------------------------------------------------------
    "EditRequest.edit_options": "How edits are drawn: colour, font size, LLM provider, overflow pages, flattening.",
    "EditRequest.webhook":
        "Webhook to call when the job ends; only in the `/edit_async` form, which has no `async` field.",
    "EditRequest.priority":
        "Whether to try priority processing, if the account has priority budget left. The spec gives different "
        "defaults: `true` for `/edit`, `false` for `/edit_async` (the one shown here).",
    "EditResponse.response_type": "Discriminator of job results, always `edit`.",
    # --- pipeline ---------------------------------------------------------------------------------------------
    "PipelineRequest.settings":
        "Settings that override the deployed pipeline's defaults for this run; so far only a document password.",
    "PipelineResponse.job_id": "Id of the pipeline job.",
    "PipelineResponse.usage": "Pages processed and credits charged.",
    "PipelineResponse.result": "The output of each of the pipeline's steps.",
    "PipelineResponse.response_type": "Discriminator of job results, always `pipeline`.",
    "PipelineResult.parse": "Output of the parse step: one parse response or a list of them.",
    "PipelineResult.extract":
        "Output of the extract step: a list of per-section results when the pipeline splits first, otherwise one "
        "extract response, with or without citations.",
    "PipelineResult.split": "Output of the split step.",
    "PipelineResult.edit": "Output of the edit step.",
    "ExtractSplitResponse.split_name": "Name of the split section the extraction ran on.",
    "ExtractSplitResponse.page_range": "The pages of that section.",
    "ExtractSplitResponse.partition":
        "The partition value, when the split category has a `partition_key`; otherwise `null`.",
    "ExtractSplitResponse.result": "The extraction result for those pages, with or without citations.",
    # --- classify ---------------------------------------------------------------------------------------------
    "ClassifyResponse.job_id": "Id of the classify job.",
    "ClassifyResponse.result": "The chosen category.",
    "ClassifyResponse.response_confidence":
        "Per-category breakdown of which criteria matched; `null` when no criteria were given.",
    "ClassifyResponse.response_type": "Discriminator of job results, always `classify`.",
    "ClassificationResult.category": "The best-matching category name from the request's `classification_schema`.",
    "ClassificationConfidence.categories":
        "One entry per category of the request, with its score and per-criterion results.",
    "CategoryConfidence.category": "The category name, as given in the request.",
    "CategoryConfidence.confidence": "Fraction of the category's criteria that matched, from 0 to 1.",
    "CategoryConfidence.criteria_confidence": "Whether each of the category's criteria matched.",
    "CriterionConfidence.criterion": "The criterion text, as given in the request.",
    "CriterionConfidence.confidence": "`high` if the criterion matched the document, `low` if not.",
    # --- legacy -----------------------------------------------------------------------------------------------
    "LegacyParseRequest.options": "Basic options: OCR and extraction mode, chunking, summaries, block filtering.",
    "LegacyParseRequest.advanced_options":
        "Advanced options: OCR system, table format, page range, spreadsheet and output details.",
    "LegacyParseRequest.experimental_options":
        "Experimental options: enrichment, layout model, conversion, rotation and detection features.",
    "LegacyParseRequest.webhook": "Webhook to call when the job ends; only in the async form.",
    "LegacyParseRequest.priority":
        "Whether to try priority processing, if the account has priority budget left. The spec gives different "
        "defaults: `true` for the sync form, `false` for the async form (the one shown here).",
    "LegacyExtractRequest.options": "Basic options: OCR and extraction mode, chunking, summaries, block filtering.",
    "LegacyExtractRequest.advanced_options":
        "Advanced options: OCR system, table format, page range, spreadsheet and output details.",
    "LegacyExtractRequest.experimental_options":
        "Experimental options: enrichment, layout model, conversion, rotation and detection features.",
    "LegacyExtractRequest.webhook": "Webhook to call when the job ends; only in the async form.",
    "LegacyExtractRequest.priority":
        "Whether to try priority processing, if the account has priority budget left. The spec gives different "
        "defaults: `true` for the sync form, `false` for the async form (the one shown here).",
    "LegacySplitRequest.options": "Basic options: OCR and extraction mode, chunking, summaries, block filtering.",
    "LegacySplitRequest.advanced_options":
        "Advanced options: OCR system, table format, page range, spreadsheet and output details.",
    "LegacySplitRequest.experimental_options":
        "Experimental options: enrichment, layout model, conversion, rotation and detection features.",
    "LegacySplitRequest.deep_split": "Whether to use the Deep Split agent.",
    "LegacySplitRequest.include_confidence":
        "Whether Deep Split results carry a confidence per page; needs `deep_split`.",
    "LegacySplitRequest.split_options": "Split settings: whether tables are cut to their first rows or kept whole.",
    "LegacySplitRequest.webhook": "Webhook to call when the job ends; only in the async form.",
    "LegacyPipelineRequest.settings":
        "Settings that override the deployed pipeline's defaults for this run; so far only a document password.",
    "LegacyPipelineRequest.webhook": "Webhook to call when the job ends; only in the async form.",
    "InternalExtractConfig.document_url": "The document, or several, to extract from, as URLs.",
    "InternalExtractConfig.deep_extract":
        "Whether to use Deep Extract, the agentic mode that refines its output over several passes.",
    "InternalExtractConfig.extract_model": "Name of the model to extract with; the spec lists no values.",
    "InternalExtractConfig.extract_model_args": "Further arguments for that model, as a free-form object.",
    "InternalExtractConfig.include_images": "Whether images are passed to the extraction model.",
    "InternalProcessingOptions.custom_format":
        "A custom output format: `aml`, `ai_usage` or `aml_chunking`; the spec does not explain them.",
    "InternalProcessingOptions.overrides": "Per-feature overrides, in an open object (see `ProcessingOverridesBase`).",
    "InternalAsyncOptions.enabled": "Whether the request runs asynchronously.",
    "InternalAsyncOptions.webhook": "Webhook to call when the job ends.",
    "InternalAsyncOptions.priority":
        "Whether to try priority processing, if the account has priority budget left.",
    "InternalWebhookConfig.url": "The endpoint to POST the job notification to, in `direct` mode.",
    "InternalWebhookConfig.mode": "Delivery mode: `direct` or `svix`.",
    "InternalWebhookConfig.metadata": "Any JSON, echoed back in the webhook body.",
    "ProcessingOverrides.agentic_tables": "Overrides for agentic tables, in an open object.",
    "ProcessingOverrides.customer_queue": "Overrides for the customer queue, in an open object.",
    "ProcessingOverrides.extract_citations": "Overrides for extract citations, in an open object.",
    "ProcessingOverrides.key_value": "Overrides for key-value processing, in an open object.",
    "ParseAlpha.overrides": "Per-feature overrides, in an open object.",
}
