/* roster-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-api.h"
#include "roster-removal-controller.h"
#include "roster-tenant-manager.h"
#include "roster-types.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_WINDOW (roster_window_get_type ())

G_DECLARE_FINAL_TYPE (RosterWindow, roster_window, ROSTER, WINDOW, AdwApplicationWindow)

/* @client (nullable): the tenant to browse; without one the window explains
 * how to connect, with @environment_error (nullable) saying what was wrong. */
RosterWindow      *roster_window_new                  (GtkApplication    *application,
                                                       RosterClient      *client,
                                                       const GError      *environment_error);

void               roster_window_set_tenant_manager    (RosterWindow        *self,
                                                        RosterTenantManager *manager);
void               roster_window_set_client            (RosterWindow     *self,
                                                        RosterClient     *client);
void               roster_window_show_status           (RosterWindow     *self,
                                                        const char       *icon_name,
                                                        const char       *title,
                                                        const char       *description,
                                                        const char       *button_label,
                                                        const char       *detailed_action);
void               roster_window_set_tenant_title      (RosterWindow     *self,
                                                        const char       *title);

void               roster_window_restore_organization  (RosterWindow     *self,
                                                       const char       *organization_id);

/* Test accessors: they expose the window's state to tests, which drive the
 * window through its actions and check the result. */
GtkSelectionModel *roster_window_get_members_selection (RosterWindow     *self);
GListModel        *roster_window_get_members           (RosterWindow     *self);
GListModel        *roster_window_get_organizations     (RosterWindow     *self);
gboolean           roster_window_is_loading            (RosterWindow     *self);
GStrv              roster_window_get_toast_titles      (RosterWindow     *self);
void               roster_window_clear_toast_titles    (RosterWindow     *self);
const char        *roster_window_get_status_text       (RosterWindow     *self);
AdwMessageDialog  *roster_window_get_message_dialog    (RosterWindow     *self);
RosterRemovalController *roster_window_get_removal_controller (RosterWindow *self);

G_END_DECLS
