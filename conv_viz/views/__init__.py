"""One pure module per page: a state in, the page's numbers and their checks out; never Streamlit."""
