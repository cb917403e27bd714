"""The Word edition: the article as a .docx on the styles of templates/edition-reference.docx."""
