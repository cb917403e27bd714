"""Checks of the content before anything is rendered: meaning kept, voice, agreement of editions, spelling,
readability, pictures, and what each output must carry."""
