"""Adapters to other frameworks, each imported only by its user (`import cleaner` imports none):

    cleaner.integrations.datatrove   CleanerStep, a datatrove PipelineStep (pip install 'cleaner[datatrove]')
"""
