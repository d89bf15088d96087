"""Editors' tools around the pipeline (they write content/, the pipeline only reads it):

* `importer` (with `sheet`: reading a sheet, `rows`: mapping a row onto the model, `plan`: what an import
  would write): `catalogus import`;
* `intake`: `catalogus from-issue`, a submitted issue form through the importer's rules;
* `scaffold`: `catalogus new`;
* `writer`: a project as YAML formatted like the hand-written files.
"""
