/* roster-scopes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-scopes.h"

static const RosterScopeInfo scopes[] = {
  { "read:organizations", TRUE, N_("List the tenant’s organizations") },
  { "read:organization_members", TRUE, N_("List the members of an organization") },
  { "delete:organization_members", TRUE, N_("Remove members from an organization") },
  { "read:organization_member_roles", FALSE, N_("Show members’ organization roles") },
  { "create:organization_members", FALSE, N_("Undo a removal by adding the members back") },
  { "create:organization_member_roles", FALSE, N_("Restore members’ roles when undoing a removal") },
};

const RosterScopeInfo *
roster_scopes_get_all (guint *n_scopes)
{
  g_return_val_if_fail (n_scopes != NULL, NULL);

  *n_scopes = G_N_ELEMENTS (scopes);
  return scopes;
}

static gboolean
is_granted (const char * const *granted,
            const char         *scope)
{
  /* Auth0 accepts read:organizations_summary in place of read:organizations
   * for listing organizations. */
  if (g_strcmp0 (scope, "read:organizations") == 0 &&
      g_strv_contains (granted, "read:organizations_summary"))
    return TRUE;

  return g_strv_contains (granted, scope);
}

char **
roster_scopes_missing_required (const char * const *granted)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (granted != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      if (scopes[i].required && !is_granted (granted, scopes[i].scope))
        g_strv_builder_add (builder, scopes[i].scope);
    }

  return g_strv_builder_end (builder);
}
