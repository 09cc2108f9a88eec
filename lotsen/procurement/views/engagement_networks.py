"""Standing supplier networks: public to read, joined by enterprises, kept by the
coordinator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.core.steps import take_step

from .. import engagement_consortia as services
from ..forms.engagement import NetworkForm
from ..models import SupplierNetwork
from ..policies import engagement as policies


def network_list(request):
    networks = SupplierNetwork.objects.annotate(member_count=Count("members")).prefetch_related(
        "municipalities"
    )
    return render(
        request,
        "procurement/engagement/network_list.html",
        {"networks": networks, "can_keep": policies.can_keep_networks(request.user)},
    )


def network_detail(request, pk):
    network = get_object_or_404(SupplierNetwork, pk=pk)
    members = network.members.order_by("name")
    mine = (
        members.filter(pk__in=policies.enterprises_of(request.user)).exists()
        if request.user.is_authenticated
        else False
    )
    return render(
        request,
        "procurement/engagement/network_detail.html",
        {
            "network": network,
            "members": members,
            "cpv_codes": network.cpv_codes.order_by("code"),
            "municipalities": network.municipalities.all(),
            "is_member": mine,
            "can_join": not mine
            and request.user.is_authenticated
            and policies.can_join_networks(request.user),
            "can_keep": policies.can_keep_networks(request.user),
        },
    )


@login_required
def network_edit(request, pk=None):
    if not policies.can_keep_networks(request.user):
        raise PermissionDenied
    network = get_object_or_404(SupplierNetwork, pk=pk) if pk else None
    form = NetworkForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        network = form.save()
        messages.success(request, _("The network is saved."))
        return redirect("procurement:network_detail", pk=network.pk)
    return render(
        request, "procurement/engagement/network_form.html", {"network": network, "form": form}
    )


@login_required
@require_POST
def network_join(request, pk):
    network = get_object_or_404(SupplierNetwork, pk=pk)
    return take_step(
        request,
        lambda: services.network_join(user=request.user, network=network),
        success=_("Your enterprise has joined the network."),
        target=reverse("procurement:network_detail", args=[network.pk]),
    )


@login_required
@require_POST
def network_leave(request, pk):
    network = get_object_or_404(SupplierNetwork, pk=pk)
    return take_step(
        request,
        lambda: services.network_leave(user=request.user, network=network),
        success=_("Your enterprise has left the network."),
        target=reverse("procurement:network_detail", args=[network.pk]),
    )
