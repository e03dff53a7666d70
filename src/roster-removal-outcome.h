/* roster-removal-outcome.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "roster-api.h"
#include "roster-types.h"

G_BEGIN_DECLS

/* The scope DELETE /api/v2/organizations/{id}/members requires. */
#define ROSTER_REMOVAL_SCOPE "delete:organization_members"

/* One distinct outcome of a removal and how many members it covers. */
typedef struct
{
  char     *title;      /* owned: short plain text, for a toast */
  char     *markup;     /* owned: @title escaped, as toast titles are Pango markup on libadwaita 1.2 */
  char     *text;       /* owned: the full plain text with what to do, for the status line */
  guint     n_members;
  guint     status;     /* HTTP status; 0 when the request got no response */
  gboolean  removed;    /* whether Auth0 responded with 204 */
} RosterRemovalMessage;

void roster_removal_message_free (RosterRemovalMessage *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterRemovalMessage, roster_removal_message_free)

#define ROSTER_TYPE_REMOVAL_OUTCOME (roster_removal_outcome_get_type ())

G_DECLARE_FINAL_TYPE (RosterRemovalOutcome, roster_removal_outcome, ROSTER, REMOVAL_OUTCOME, GObject)

RosterRemovalOutcome *roster_removal_outcome_new                  (const char                *organization_name);
void                  roster_removal_outcome_add_batch            (RosterRemovalOutcome      *self,
                                                                   const RosterRemovalBatch  *batch);
guint                 roster_removal_outcome_get_n_removed        (RosterRemovalOutcome      *self);
guint                 roster_removal_outcome_get_n_failed         (RosterRemovalOutcome      *self);
GHashTable           *roster_removal_outcome_get_failed_user_ids  (RosterRemovalOutcome      *self);
GPtrArray            *roster_removal_outcome_build_messages       (RosterRemovalOutcome      *self,
                                                                   GDateTime                 *now);

G_END_DECLS
