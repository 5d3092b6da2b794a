"""`{% decision_rows rows %}`: the rows of a term's decisions page written in Python, as
review_rows writes the reviewers' dashboard (the template loop was a sixth of the page's
time). Context: `here` (the page's URL, for the forms' `next`) and the CSRF token; rows
are {"application", "can_accept", "can_decline"} (applications.decisions.views
.controls_context) with `urls` on the application (review.views.dashboard.row_urls)."""

from django import template
from django.utils.safestring import mark_safe

from applications.templatetags.review_rows import _csrf_input, e, score_cells

register = template.Library()


def _button(kind: str, a, name: str, here: str, csrf: str) -> str:
    url = e(a.urls[kind])
    confirm = f' hx-confirm="Decline {name}? Decisions are final."' if kind == "decline" else ""
    danger = ' class="danger"' if kind == "decline" else ""
    label = "Accept" if kind == "accept" else "Decline"
    return (
        f'\n          <form method="post" action="{url}" class="inline" hx-post="{url}" '
        f'hx-target="#decision-{e(a.public_id)}" hx-swap="outerHTML"{confirm}>{csrf}\n'
        f'            <input type="hidden" name="next" value="{e(here)}">\n'
        f'            <button type="submit"{danger} aria-label="{label} {name}">{label}</button>\n'
        "          </form>"
    )


def _row(row: dict, *, here: str, csrf: str) -> str:
    a = row["application"]
    name = e(a.applicant.name)
    score, reviews = score_cells(a)
    offer = getattr(a, "offer", None)
    buttons = "".join(
        _button(kind, a, name, here, csrf) for kind in ("accept", "decline") if row[f"can_{kind}"]
    )
    return (
        "      <tr>\n"
        f'        <th scope="row" data-label="Applicant"><a href="{e(a.urls["decision"])}">'
        f"{name}</a></th>\n"
        f'        <td class="score" data-label="Average score">{score}</td>\n'
        f'        <td data-label="Reviews">{reviews}</td>\n'
        f'        <td data-label="Shortlisted">{"★ yes" if a.shortlisted else "no"}</td>\n'
        f'        <td data-label="Offer">{e(offer.get_state_display()) if offer else "—"}</td>\n'
        f'        <td data-label="Decision"><div class="decision-controls" '
        f'id="decision-{e(a.public_id)}">\n'
        f'          <span class="state">{e(a.get_state_display())}</span>{buttons}\n'
        "        </div></td>\n"
        "      </tr>\n"
    )


@register.simple_tag(takes_context=True)
def decision_rows(context, rows) -> str:
    here, csrf = context.get("here") or "", _csrf_input(context)
    if not rows:
        return mark_safe('<tr><td colspan="6">No applicants match.</td></tr>')
    return mark_safe(  # noqa: S308 - every value above is escaped
        "".join(_row(row, here=here, csrf=csrf) for row in rows)
    )
