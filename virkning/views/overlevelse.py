"""(placeholder: replaced by its helper)"""
