"""Reply help on the case page: questions, repeat-back and reply drafts (issue 5)."""
