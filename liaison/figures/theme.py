"""The look of every figure, on screen and in exports alike.

Figures carry this template explicitly: importing Streamlit replaces plotly's
default template with one whose colours only a browser can fill in, so an
exported figure built on the default would come out black.
"""

from __future__ import annotations

import plotly.graph_objects as go

# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
FORMAT_COLOURS = {"multilateral": PALETTE[0], "bilateral": PALETTE[1]}
INK = "#1f2933"
GRID = "#e4e7eb"
FONT = "DejaVu Sans, Arial, sans-serif"

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT, "size": 13, "color": INK},
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=list(PALETTE),
        title={
            "font": {"size": 16},
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 12},
        },
        xaxis={"gridcolor": GRID, "linecolor": "#9aa5b1", "zeroline": False, "automargin": True},
        yaxis={"gridcolor": GRID, "linecolor": "#9aa5b1", "zeroline": False, "automargin": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        margin={"l": 10, "r": 10, "t": 84, "b": 10},
        hoverlabel={"bgcolor": "white", "font": {"family": FONT}},
    )
)
