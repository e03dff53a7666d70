/* roster-removal-details.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-api.h"
#include "roster-removal-history.h"

G_BEGIN_DECLS

/* What happened to one member in a removal. */
typedef struct
{
  char     *user_id;         /* owned */
  char     *label;           /* owned: name, email or user ID, plain text */
  guint     status;          /* HTTP status of its request, 0 when none arrived */
  char     *message;         /* owned: the outcome in words, plain text */
  char     *correlation_id;  /* owned, nullable: the X-Correlation-ID of its request, NULL when none was sent */
  gboolean  removed;         /* whether Auth0 responded with 204 */
} RosterRemovalDetail;

void                 roster_removal_detail_free          (RosterRemovalDetail  *detail);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterRemovalDetail, roster_removal_detail_free)

GPtrArray           *roster_removal_details_from_batch   (const RosterRemovalBatch *batch,
                                                          GHashTable           *labels,
                                                          GDateTime            *now);
char                *roster_removal_details_format_row   (const RosterRemovalDetail *detail);

GtkWindow           *roster_removal_details_window_new   (GtkWindow            *parent,
                                                          const char           *organization_name,
                                                          GPtrArray            *details);
GtkWindow           *roster_history_window_new           (GtkWindow            *parent,
                                                          RosterRemovalHistory *history);

G_END_DECLS
