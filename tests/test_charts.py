"""Chart builders: the figure's data is the data, in the project's own template."""

from __future__ import annotations

from liaison.figures.charts import monthly_chart, timeline_chart
from liaison.figures.theme import FORMAT_COLOURS, TEMPLATE
from liaison.figures.wording import describe_filters, monthly_alt, timeline_alt
from liaison.view.filters import Filters
from liaison.view.query import meeting_lanes, meetings_per_month
from liaison.view.stored_table import filter_meetings


def test_monthly_chart_stacks_one_bar_trace_per_format(mini) -> None:
    figure = monthly_chart(meetings_per_month(filter_meetings(mini, Filters())))
    bars = {trace.name: trace for trace in figure.data}
    assert set(bars) == {"Multilateral", "Bilateral"}
    assert sum(bars["Multilateral"].y) == 3 and sum(bars["Bilateral"].y) == 2
    assert bars["Bilateral"].marker.color == FORMAT_COLOURS["bilateral"]
    assert figure.layout.barmode == "stack"


def test_figures_use_the_project_template_not_streamlit_s(mini) -> None:
    """Exports would come out black on Streamlit's template (see ENVIRONMENT.md)."""
    figure = monthly_chart(meetings_per_month(filter_meetings(mini, Filters())))
    assert figure.layout.template.layout.paper_bgcolor == TEMPLATE.layout.paper_bgcolor == "white"
    assert figure.layout.template.layout.font.family == TEMPLATE.layout.font.family


def test_chart_labels_follow_the_language(mini) -> None:
    figure = monthly_chart(meetings_per_month(filter_meetings(mini, Filters())), lang="fr")
    assert {trace.name for trace in figure.data} == {"Multilatérale", "Bilatérale"}
    assert figure.layout.title.text == "Réunions par mois, selon le format"


def test_an_empty_view_draws_a_message_not_an_empty_axis(mini) -> None:
    figure = monthly_chart(meetings_per_month(filter_meetings(mini, Filters(countries=("ESP",)))))
    assert figure.data == () and figure.layout.annotations[0].text == "No meeting to draw for these filters."
    assert timeline_chart(meeting_lanes(filter_meetings(mini, Filters(text="nothing")))).data == ()


def test_timeline_points_carry_their_meeting_id_for_selection(mini) -> None:
    figure = timeline_chart(meeting_lanes(filter_meetings(mini, Filters())))
    markers = [trace for trace in figure.data if trace.mode == "markers"]
    ids = {meeting_id for trace in markers for meeting_id in trace.customdata}
    assert ids == {"vienna-22", "vienna-mar-qat", "moscow-13", "moscow-12", "riyadh-visit"}


def test_timeline_hover_names_title_dates_venue_and_participants(mini) -> None:
    figure = timeline_chart(meeting_lanes(filter_meetings(mini, Filters(countries=("QAT",)))), lang="fr")
    hover = next(trace for trace in figure.data if trace.name == "Bilatérale").hovertext[0]
    assert "Titre vienna-mar-qat" in hover and "6–7 mai 2025" in hover
    assert "Centre international de Vienne" in hover and "Maroc, Qatar" in hover


def test_timeline_lanes_are_labelled_by_title_with_margins_below(mini) -> None:
    figure = timeline_chart(meeting_lanes(filter_meetings(mini, Filters())))
    labels = list(figure.layout.yaxis.ticktext)
    assert labels.index("↳ on the margins") == labels.index("Title vienna-22") + 1
    assert "Title moscow-13" in labels and "Title moscow-12" not in labels  # a series lane shows its latest title


def test_alt_text_states_the_counts(mini) -> None:
    per_month = meetings_per_month(filter_meetings(mini, Filters()))
    assert monthly_alt(per_month) == (
        "Bar chart of meetings dated to the month, from February 2024 to May 2025: 5 in all, "
        "multilateral 3, bilateral 2. Busiest month: May 2025 (3)."
    )
    assert "5 meetings on 4 lanes" in timeline_alt(meeting_lanes(filter_meetings(mini, Filters())))


def test_monthly_ticks_are_written_in_the_language(mini) -> None:
    figure = monthly_chart(meetings_per_month(filter_meetings(mini, Filters())), lang="fr")
    assert figure.layout.xaxis.ticktext[0] == "févr. 2024"
    assert len(figure.layout.xaxis.ticktext) <= 12


def test_filters_are_described_in_words_in_both_languages(mini) -> None:
    filters = Filters(month_from="2025-05", month_to="2025-06", countries=("QAT", "TUR"), blocs=("CSTO",))
    assert describe_filters(filters, mini) == "May 2025 to June 2025; countries: Qatar, Türkiye; blocs: CSTO"
    assert describe_filters(filters, mini, "fr") == "de mai 2025 à juin 2025; pays : Qatar, Turquie; blocs : OTSC"
    assert describe_filters(Filters(), mini) == "All meetings in the dataset"
