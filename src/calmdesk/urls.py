from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="cases:queue", permanent=False)),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("cases/", include("calmdesk.cases.urls")),
    path("actions/", include("calmdesk.followup.urls")),
    path("replies/", include("calmdesk.outbound.urls")),
    path("api/", include("calmdesk.api.urls")),
    path("", include("calmdesk.protection.urls")),
    path("", include("calmdesk.resolution.urls")),
    path("", include("calmdesk.replies.urls")),
    path("admin/", admin.site.urls),
]
