"""Teaching: exercise checks, pooled class guesses, student copies, slide figures and instructor documents."""
