#ifndef MCP_MEMORY_H
#define MCP_MEMORY_H

/// Gives the free memory of malloc's arenas back to the system (glibc's malloc_trim); a no-op
/// elsewhere.
void mcp_release_free_heap(void);

#endif
