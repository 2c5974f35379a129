"""What the registry's records are made of: vocabularies, partial dates, text folding and what
a parameter may contain. Pure: nothing here imports from the rest of `app`."""
