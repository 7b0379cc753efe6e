"""What a learner reads or pastes: numbers and sums as text, formulas, code snippets, Markdown tables."""
