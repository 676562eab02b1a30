"""The evidence panel of an event: thumbnails, verification, attach/drop, preview and playback."""
