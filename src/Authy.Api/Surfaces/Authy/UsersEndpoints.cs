using Authy.Api.Surfaces.Authy.Contracts;
using Authy.Api.Surfaces.Authy.OpenApi;
using Authy.Application.Activities;
using Authy.Application.Phones;
using Authy.Application.Users;

namespace Authy.Api.Surfaces.Authy;

/// <summary>users/new, status, the three delete paths, update and register_activity (spec §3.1–3.5).</summary>
internal static class UsersEndpoints
{
    public static RouteGroupBuilder MapUsersEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/users/new", RegisterUser)
            .WithName(nameof(RegisterUser))
            .WithTags("Users")
            .WithSummary("Register a user")
            .WithDescription("Registers a user by e-mail and phone. The same country code and phone always give the same id, from any application; registering again records the new e-mail.")
            .Documented<UserCreatedResponse>(
                Param.Required("user[email]", "The user's e-mail address."),
                Param.Required("user[cellphone]", "The phone number, national format or with its calling code after a `+`; spaces, dashes and dots allowed."),
                Param.Required("user[country_code]", "The calling code (`1`, `+44`) or an ISO region (`US`)."),
                Param.Optional("send_install_link_via_sms", "Accepted for compatibility; no install link is sent.", "boolean"));

        group.MapGet("/users/{authyId}/status", GetUserStatus)
            .WithName(nameof(GetUserStatus))
            .WithTags("Users")
            .WithSummary("User status")
            .WithDescription("The user's masked phone, devices and registration flags.")
            .Documented<UserStatusResponse>(Param.AuthyId, Param.Optional("user_ip", "The end user's IP, for the audit trail."));

        group.MapPost("/users/{authyId}/remove", DeleteUser)
            .WithName(nameof(DeleteUser))
            .WithTags("Users")
            .WithSummary("Delete a user (documented path)")
            .WithDescription("Removes the user from this application, with its secret. The same phone registered again gets the same id and a new secret.")
            .Documented<MessageResponse>(Param.AuthyId, Param.Optional("user_ip", "The end user's IP."));
        group.MapPost("/users/delete/{authyId}", DeleteUser)
            .WithName("DeleteUserLegacyPath")
            .WithTags("Users")
            .WithSummary("Delete a user (node, ruby and java path)")
            .Documented<MessageResponse>(Param.AuthyId);
        group.MapPost("/users/{authyId}/delete", DeleteUser)
            .WithName("DeleteUserPythonPath")
            .WithTags("Users")
            .WithSummary("Delete a user (python and rust path)")
            .Documented<MessageResponse>(Param.AuthyId);

        group.MapPost("/users/{authyId}/update", UpdateUser)
            .WithName(nameof(UpdateUser))
            .WithTags("Users")
            .WithSummary("Update a user's e-mail")
            .Documented<MessageResponse>(Param.AuthyId, Param.Required("email", "The new e-mail address."));

        group.MapPost("/users/{authyId}/register_activity", RegisterActivity)
            .WithName(nameof(RegisterActivity))
            .WithTags("Users")
            .WithSummary("Register an activity")
            .WithDescription("Records an activity. `banned` stops codes and verification for the user in this application until `unbanned`.")
            .Documented<MessageResponse>(
                Param.AuthyId,
                Param.Required("type", "`password_reset`, `banned`, `unbanned` or `cookie_login`."),
                Param.Optional("user_ip", "The end user's IP."),
                Param.Optional("data", "Free-form details (`data[key]=value` or a JSON object).", "object"));
        return group;
    }

    internal static async Task<AuthyResult> RegisterUser(AuthyRequest request, RegisterUser registerUser, CancellationToken cancellationToken)
    {
        var p = request.Parameters;
        var command = new RegisterUserCommand(p.GetString("user", "email"), p.GetString("user", "cellphone"), p.GetString("user", "country_code"));
        var outcome = await registerUser.ExecuteAsync(request.App, command, cancellationToken);
        return outcome.ToAuthyResult(id => new UserCreatedResponse("User created successfully.", new UserId(id)));
    }

    internal static async Task<AuthyResult> GetUserStatus(string authyId, AuthyRequest request, GetUserStatus getUserStatus, CancellationToken cancellationToken)
    {
        if (!AuthyIds.TryParse(authyId, out var id))
        {
            return AuthyResult.Error(AuthyErrors.UserNotFound);
        }

        var outcome = await getUserStatus.ExecuteAsync(request.App, id, cancellationToken);
        return outcome.ToAuthyResult(status => new UserStatusResponse(new UserStatusBody(
            status.AuthyId,
            status.Confirmed,
            status.Registered,
            status.CountryCode,
            Masking.StatusPhoneNumber(status.NationalNumber),
            status.Email,
            status.Devices.Select(d => d.OsType).ToList(),
            HasHardToken: false,
            AccountDisabled: status.Banned,
            status.Devices.Select(d => new DetailedDevice(
                "authy", d.OsType, null, d.RegistrationMethod, d.Id,
                d.LastSyncedAt?.ToUnixTimeSeconds() ?? 0, d.CreatedAt.ToUnixTimeSeconds())).ToList(),
            DeletedDevices: [])));
    }

    internal static async Task<AuthyResult> DeleteUser(string authyId, AuthyRequest request, DeleteUser deleteUser, CancellationToken cancellationToken)
    {
        if (!AuthyIds.TryParse(authyId, out var id))
        {
            return AuthyResult.Error(AuthyErrors.UserNotFound);
        }

        var outcome = await deleteUser.ExecuteAsync(request.App, id, cancellationToken);
        return outcome.ToAuthyResult(_ => new MessageResponse("User was added to remove."));
    }

    internal static async Task<AuthyResult> UpdateUser(string authyId, AuthyRequest request, UpdateUserEmail updateUserEmail, CancellationToken cancellationToken)
    {
        if (!AuthyIds.TryParse(authyId, out var id))
        {
            return AuthyResult.Error(AuthyErrors.UserNotFound);
        }

        var email = request.Text("email") ?? request.Parameters.GetString("user", "email");
        var outcome = await updateUserEmail.ExecuteAsync(request.App, id, email, cancellationToken);
        return outcome.ToAuthyResult(_ => new MessageResponse("User was updated successfully"));
    }

    internal static async Task<AuthyResult> RegisterActivity(string authyId, AuthyRequest request, RegisterActivity registerActivity, CancellationToken cancellationToken)
    {
        if (!AuthyIds.TryParse(authyId, out var id))
        {
            return AuthyResult.Error(AuthyErrors.UserNotFound);
        }

        var data = request.Parameters.Get("data");
        var command = new RegisterActivityCommand(
            request.Text("type"),
            request.Text("user_ip"),
            data is null ? null : data.ToString());
        var outcome = await registerActivity.ExecuteAsync(request.App, id, command, cancellationToken);
        return outcome.ToAuthyResult(_ => new MessageResponse("Activity was created."));
    }
}
