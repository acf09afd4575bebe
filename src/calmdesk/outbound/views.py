"""The reply box's endpoints: check while typing, use a better wording, send, retry
(C4 2.4, 2.8, 3.6-3.7; C1 1.4, 2.6, 3.4, 3.8).

Each works with HTMX (the findings or the reply box swapped in place, the case page after
sending) and without JavaScript (a whole page with the reply box, or a redirect to the case).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from calmdesk.cases.models import Case
from calmdesk.cases.refusals import on_writable_case, refused
from calmdesk.core.channels import Channel
from calmdesk.core.roles import NotAllowed
from calmdesk.core.sending import (
    as_sentence,
    reply_problem,
    sms_part_width,
    sms_parts,
    sms_widths,
)
from calmdesk.outbound import checking, services
from calmdesk.outbound.forms import ReplyForm, new_key
from calmdesk.outbound.models import OutboundReply


def _is_htmx(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def _sms(text: str, channel: Channel) -> dict[str, Any] | None:
    if channel is not Channel.SMS or not text.strip():
        return None
    parts = sms_parts(text.strip())
    single, split = sms_widths(text.strip())
    return {
        "count": len(parts),
        "widths": [sms_part_width(part) for part in parts],
        "split": split,
        "single": single,
    }


def _box_context(request: HttpRequest, case: Case, form: ReplyForm) -> dict[str, Any]:
    """The reply box as typed, with the checker's findings on it and, live, anything that
    would stop it from being sent (too long, too many SMS parts, a placeholder left)."""
    text, channel, public = form.draft()
    return {
        "case": case,
        "form": form,
        "findings": checking.findings_for(request.user, case, text, channel, public),  # type: ignore[arg-type]
        "checked": bool(text.strip()),
        "problem": reply_problem(text, channel) if text.strip() else None,
        "sms": _sms(text, channel),
    }


def _box_page(
    request: HttpRequest, case: Case, context: dict[str, Any], title: str, status: int = 200
) -> HttpResponse:
    context |= {"title": title}
    return render(request, "outbound/reply_page.html", context, status=status)


@login_required
@require_POST
@on_writable_case
def check(request: HttpRequest, case: Case) -> HttpResponse:
    """The findings on the reply as typed: the findings region for HTMX, else the page."""
    context = _box_context(request, case, ReplyForm(request.POST))
    if _is_htmx(request):
        # A new channel changes whether the Public box belongs on the page: it comes too,
        # out of band (the channel select, not the box, has the focus then).
        context["public_oob"] = request.headers.get("HX-Trigger") == "id_reply-channel"
        return render(request, "outbound/findings.html", context)
    return _box_page(request, case, context, f"Check your reply on {case.reference}")


@login_required
@require_POST
@on_writable_case
def improve(request: HttpRequest, case: Case) -> HttpResponse:
    """Replace one finding's words with its better wording and check again."""
    form = ReplyForm(request.POST)
    text, channel, public = form.draft()
    improved = checking.apply_better_wording(
        request.user,  # type: ignore[arg-type]
        case,
        text,
        channel,
        public,
        request.POST.get("apply", ""),
    )
    data = request.POST.copy()
    if improved is not None:
        data[form.add_prefix("text")] = improved
    context = _box_context(request, case, ReplyForm(data))
    context["refocus"] = True  # the button is gone: keyboard focus goes back to the text
    if improved is None:
        context["unavailable"] = "That finding has changed since; here are the findings now."
    if _is_htmx(request):
        return render(request, "outbound/reply_box.html", context)
    return _box_page(request, case, context, f"Check your reply on {case.reference}")


@login_required
@require_POST
@on_writable_case
def use_draft(request: HttpRequest, case: Case) -> HttpResponse:
    """Put the drafting helper's draft for the chosen channel in the box, to edit and check
    (the Reply help panel, calmdesk.replies; C4 2.8; C1 1.4, 3.4). An SMS draft comes as one
    line of GSM characters, so its parts are the ones counted."""
    from calmdesk.core.replies.drafting import sms_text
    from calmdesk.replies.services import reply_help, with_part_edits

    form = ReplyForm(request.POST)
    _, channel, public = form.draft()
    draft = reply_help(request.user, case, channel=channel.value).draft  # type: ignore[arg-type]
    draft = with_part_edits(draft, request.POST)  # the parts as edited in Reply help
    text = draft.text(private=False) if channel is Channel.SOCIAL_MEDIA and public else draft.text()
    if channel is Channel.SMS:
        text = sms_text(text)
    data = request.POST.copy()
    data[form.add_prefix("text")] = text
    context = _box_context(request, case, ReplyForm(data))
    context["refocus"] = True
    if _is_htmx(request):
        return render(request, "outbound/reply_box.html", context)
    return _box_page(request, case, context, f"Your reply on {case.reference}")


@login_required
@require_POST
@on_writable_case
def send(request: HttpRequest, case: Case) -> HttpResponse:
    """Send the reply; the same form sent twice sends once. A reply with findings the agent
    has not confirmed comes back with "Send anyway"; a blocking finding refuses it."""
    form = ReplyForm(request.POST)
    confirm = waiting = ""
    if form.is_valid():
        data = form.cleaned_data
        text, channel, public = data["text"], Channel(data["channel"]), data["public"]
        try:
            outcome = services.send_reply(
                request.user,  # type: ignore[arg-type]
                case,
                channel=channel,
                text=text,
                key=data["key"] or new_key(),
                public=public,
                confirmed=form.confirmed_types(),
            )
        except NotAllowed as exc:
            return refused(request, str(exc))
        except services.NeedsConfirmation as exc:
            confirm = ",".join(sorted(form.confirmed_types() | set(exc.types)))
            waiting = ", ".join(checking.TYPE_LABELS.get(t, t).lower() for t in exc.types)
        except services.ReplyRefused as exc:
            form.add_error(None, str(exc))
        else:
            reply = outcome.reply
            if not outcome.new:
                messages.info(request, "This reply was already sent once; it was not sent again.")
            elif reply.status == OutboundReply.Status.SENT:
                messages.success(request, _sent_words(reply))
            else:
                messages.error(
                    request,
                    f"The reply was not sent: {as_sentence(reply.last_error)} It is kept on "
                    "the case; retry it from the Reply panel.",
                )
            return redirect(reverse("cases:detail", args=[case.pk]))
    context = _box_context(request, case, form)
    if "text" in form.errors:
        context["problem"] = None  # said once, next to the field
    context |= {
        "title": "Your reply was not sent",
        "reason": "Correct the reply and send it again.",
    }
    if confirm:
        context |= {
            "title": "Send this reply as it is?",
            "reason": f"The checker found things to look at ({waiting}). Change the wording, "
            "or choose “Send anyway” if the reply is right for this customer as it is.",
            "confirm": confirm,
        }
    page = "outbound/refused_body.html" if _is_htmx(request) else "outbound/reply_page.html"
    return render(request, page, context, status=400)


def _sent_words(reply: OutboundReply) -> str:
    if reply.delivery == "email":
        return f"Reply emailed to {reply.recipient}."
    if reply.delivery == "webhook":
        return f"{reply.get_channel_display()} reply handed to the outbound webhook."
    return f"{reply.get_channel_display()} reply recorded as sent."


@login_required
@require_POST
def retry(request: HttpRequest, reply_id: int) -> HttpResponse:
    reply = (
        services.replies_visible_to(request.user)  # type: ignore[arg-type]
        .filter(pk=reply_id)
        .first()
    )
    if reply is None:
        raise Http404("No such reply.")
    try:
        reply = services.retry(request.user, reply)  # type: ignore[arg-type]
    except NotAllowed as exc:
        return refused(request, str(exc))
    except services.ReplyRefused as exc:
        messages.info(request, str(exc))
    else:
        if reply.status == OutboundReply.Status.SENT:
            messages.success(request, _sent_words(reply))
        else:
            messages.error(request, f"Still not sent: {as_sentence(reply.last_error)}")
    return redirect(reverse("cases:detail", args=[reply.case_id]))
