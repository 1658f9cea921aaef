"""The unit key and the signed summary package (BagIt in a ZIP): writing and verifying. No Qt here.

Import from the modules themselves (`package.keys`, `package.bagzip`, `package.verify`, `package.spec`,
`package.verified`): this file re-exports nothing, so importing one small module (the fingerprint
format, say) does not load the writer, the verifier and everything they use.
"""
