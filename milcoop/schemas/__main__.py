"""``python -m milcoop.schemas``: regenerate the committed JSON Schemas."""
from milcoop.schemas import main

main()
