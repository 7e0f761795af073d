"""The one blueprint of the municipality pages (its endpoints are `municipalities.*`)."""
from flask import Blueprint

bp = Blueprint("municipalities", __name__)
