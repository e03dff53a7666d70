/* roster-tenant-switcher.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-tenant-manager.h"
#include "roster-types.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_TENANT_SWITCHER (roster_tenant_switcher_get_type ())

G_DECLARE_FINAL_TYPE (RosterTenantSwitcher, roster_tenant_switcher, ROSTER, TENANT_SWITCHER, GObject)

/* Installs the "tenant" actions (add, edit, remove, switch) on @window and
 * opens the manager's current tenant, or the last one saved, unless
 * @window already shows @shown_client (nullable). */
RosterTenantSwitcher *roster_tenant_switcher_new          (RosterWindow         *window,
                                                           RosterTenantManager  *manager,
                                                           RosterClient         *shown_client);

/* The tenants and the actions on them, for the window's tenant menu. */
GMenuModel           *roster_tenant_switcher_get_menu     (RosterTenantSwitcher *self);

void                  roster_tenant_switcher_handle_error (RosterTenantSwitcher *self,
                                                           const GError         *error);

G_END_DECLS
