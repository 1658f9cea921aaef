"""The Qt layer: a thin shell of models, views, dialogs and background tasks over the domain packages."""
