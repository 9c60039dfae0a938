public import MCPCore
