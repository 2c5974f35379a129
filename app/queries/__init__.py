"""Select statements: typed parameters in, pages or detail models out."""
