"""What the running server keeps: URL state, limits, the shared memory budget, uploads, the allocator."""
