from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from attunement.accounts import views as accounts_views
from attunement.api import api
from attunement.couples import views as couples_views
from attunement.support import views as support_views
from attunement.today import installable
from attunement.today import views as today_views

# The admin has no login of its own: it sends people to the app's login, with its rate limits and
# two-step login (SECURITY.md).
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", today_views.home, name="home"),
    path("health/", today_views.health, name="health"),
    path("manifest.webmanifest", installable.manifest, name="manifest"),
    path("sw.js", installable.service_worker, name="service_worker"),
    path("offline/", installable.offline, name="offline"),
    path("today/", today_views.today, name="today"),
    path("welcome/", today_views.welcome, name="welcome"),
    path("checkin/", support_views.check_in, name="check_in"),
    path("checkin/history/", support_views.history, name="history"),
    path("checkin/<uuid:uuid>/", support_views.check_in_detail, name="check_in_detail"),
    path("checkin/<uuid:uuid>/respond/", support_views.respond, name="respond"),
    path("appreciations/", support_views.appreciations, name="appreciations"),
    path("couple/", couples_views.couple, name="couple"),
    path("couple/join/<str:token>/", couples_views.join, name="join"),
    path("couple/leave/", couples_views.leave, name="leave"),
    path("couple/invitations/<uuid:uuid>/revoke/", couples_views.revoke, name="revoke_invitation"),
    path("settings/", accounts_views.profile, name="profile"),
    path("settings/my-data/", accounts_views.download_data, name="download_data"),
    path("settings/delete/", couples_views.delete_account, name="delete_account"),
    path("", include("attunement.trust.urls")),
    path("", include("attunement.sharing.urls")),
    path("", include("attunement.listening.urls")),
    path("", include("attunement.empathy.urls")),
    path("", include("attunement.together.urls")),
    path("", include("attunement.safety.urls")),
    path("", include("attunement.differences.urls")),
    path("", include("attunement.insights.urls")),
    path("", include("attunement.notifications.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = today_views.bad_request
handler403 = today_views.permission_denied
handler404 = today_views.page_not_found
handler500 = today_views.server_error
