/* roster-tenant-config.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How Roster gets a Management API token for a tenant. */
typedef enum
{
  ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS,
  ROSTER_AUTH_METHOD_API_TOKEN,
} RosterAuthMethod;

#define ROSTER_TYPE_TENANT_CONFIG (roster_tenant_config_get_type ())

G_DECLARE_FINAL_TYPE (RosterTenantConfig, roster_tenant_config, ROSTER, TENANT_CONFIG, GObject)

/* A tenant as Roster remembers it, without its secret: the canonical domain
 * (for the token audience), the host the API is called on (the canonical
 * domain or a custom domain), the client id for client credentials, and a
 * label. The secret stays in the keyring under the tenant's id.
 *
 * Properties: "id", "domain", "api-host" (nullable: the domain), "client-id"
 * (nullable), "label" (nullable), "auth-method", and the read-only "title",
 * the label or else the domain. */
RosterTenantConfig *roster_tenant_config_new             (const char          *id,
                                                          const char          *domain,
                                                          RosterAuthMethod     auth_method);
const char         *roster_tenant_config_get_id          (RosterTenantConfig  *self);
const char         *roster_tenant_config_get_domain      (RosterTenantConfig  *self);
const char         *roster_tenant_config_get_api_host    (RosterTenantConfig  *self);
void                roster_tenant_config_set_api_host    (RosterTenantConfig  *self,
                                                          const char          *api_host);
const char         *roster_tenant_config_get_client_id   (RosterTenantConfig  *self);
void                roster_tenant_config_set_client_id   (RosterTenantConfig  *self,
                                                          const char          *client_id);
const char         *roster_tenant_config_get_label       (RosterTenantConfig  *self);
void                roster_tenant_config_set_label       (RosterTenantConfig  *self,
                                                          const char          *label);
RosterAuthMethod    roster_tenant_config_get_auth_method (RosterTenantConfig  *self);
const char         *roster_tenant_config_get_title       (RosterTenantConfig  *self);

/* Reads the "tenants" key (aa{ss}) of @settings into a list of
 * RosterTenantConfig, skipping entries without an id or domain. */
GListStore         *roster_tenant_config_load_all        (GSettings           *settings);

/* Writes every RosterTenantConfig of @tenants to the "tenants" key. */
void                roster_tenant_config_save_all        (GSettings           *settings,
                                                          GListModel          *tenants);

/* Returns a new random id for a tenant. */
char               *roster_tenant_config_new_id          (void);

G_END_DECLS
