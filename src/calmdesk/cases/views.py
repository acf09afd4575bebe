from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from calmdesk.cases.access import cases_visible_to


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    cases = cases_visible_to(request.user)[:25]
    return render(request, "cases/queue.html", {"cases": cases})
