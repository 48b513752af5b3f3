"""Javadoc in our own words where the spec says nothing or too little.

TYPE_DOCS: Java type name -> first paragraph of the type's Javadoc (replaces the spec's description when given).
PROPERTY_DOCS: "JavaType.wire_name" -> the component's Javadoc (replaces the spec's description when given).
Text is plain Javadoc text: use `code` for code (rendered as {@code code}); no HTML needed.
"""

TYPE_DOCS = {
}

PROPERTY_DOCS = {
}
