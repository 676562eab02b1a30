"""Paper Trail (留痕): case files for people dealing with debt collectors."""

APP_NAME = "PaperTrail"
APP_DISPLAY_NAME = "Paper Trail"
APP_ID = "org.papertrail.PaperTrail"
__version__ = "0.1.0"
