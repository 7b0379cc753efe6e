"""What the running server keeps and serves: URL state, limits, the shared memory budget, uploads, the allocator,
and the chunks each page's HTML asks the browser to fetch early."""
