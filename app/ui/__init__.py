"""The Qt screens: they ask the services for everything and hold no business rule."""
