"""Evidence (佐证材料): a content-addressed file store and the attachments of each period's items.

Import from the modules themselves (`evidence.attachments`, `evidence.budget`, `evidence.store`,
`evidence.records`): this file re-exports nothing, so importing a small one (the file-type sniffer, the
date and note rules) does not load the attachment use cases, the settings and the database layer.
"""
