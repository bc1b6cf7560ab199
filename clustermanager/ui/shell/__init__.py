"""The window's frame: main-window parts, menus, sidebar, status, preferences, registries."""
