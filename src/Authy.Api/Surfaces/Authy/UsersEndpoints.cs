using Authy.Api.Surfaces.Authy.Contracts;
using Authy.Api.Surfaces.Authy.OpenApi;
using Authy.Api.Surfaces.Authy.Parameters;
using Authy.Application.Activities;
using Authy.Application.Phones;
using Authy.Application.Users;
using Microsoft.OpenApi;

namespace Authy.Api.Surfaces.Authy;

/// <summary>users/new, status, the three delete paths, update and register_activity (spec §3.1–3.5).</summary>
internal static class UsersEndpoints
{
    private static readonly AuthyParameter<string?> NewEmail = Nested("user", "email", "The user's e-mail address.");

    private static readonly AuthyParameter<string?> NewCellphone = Nested("user", "cellphone", "The phone number, national format or with its calling code after a `+`; spaces, dashes and dots allowed.");

    private static readonly AuthyParameter<string?> NewCountryCode = Nested("user", "country_code", "The calling code (`1`, `+44`) or an ISO region (`US`).");

    private static readonly AuthyParameter<bool> SendInstallLink = AuthyParameter.Flag("send_install_link_via_sms", "Accepted for compatibility; no install link is sent.");

    private static readonly AuthyParameter<string?> UserIp = AuthyParameter.Text("user_ip", "The end user's IP, for the audit trail.");

    /// <summary>update takes <c>email</c>, or <c>user[email]</c> as some clients send it.</summary>
    private static readonly AuthyParameter<string?> Email = AuthyParameter.Custom(
        AuthyParameter.InBag("email", "The new e-mail address (or `user[email]`).", true, JsonSchemaType.String),
        r => r.Parameters.GetString("email") ?? r.Parameters.GetString("user", "email"));

    private static readonly AuthyParameter<string?> ActivityType = AuthyParameter.Text("type", "`password_reset`, `banned`, `unbanned` or `cookie_login`.", required: true);

    /// <summary>Free-form details, passed on as the JSON text of whatever shape they came in.</summary>
    private static readonly AuthyParameter<string?> ActivityData = AuthyParameter.Custom(
        AuthyParameter.InBag("data", "Free-form details (`data[key]=value` or a JSON object).", false, JsonSchemaType.Object),
        r => r.Parameters.Get("data")?.ToString());

    public static RouteGroupBuilder MapUsersEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/users/new", RegisterUser)
            .WithName(nameof(RegisterUser))
            .WithTags("Users")
            .WithSummary("Register a user")
            .WithDescription("Registers a user by e-mail and phone. The same country code and phone always give the same id, from any application; registering again records the new e-mail.")
            .Declares<UserCreatedResponse>(NewEmail, NewCellphone, NewCountryCode, SendInstallLink);

        group.MapGet("/users/{authyId}/status", GetUserStatus)
            .WithName(nameof(GetUserStatus))
            .WithTags("Users")
            .WithSummary("User status")
            .WithDescription("The user's masked phone, devices and registration flags.")
            .Declares<UserStatusResponse>(AuthyParameter.AuthyId, UserIp);

        group.MapPost("/users/{authyId}/remove", DeleteUser)
            .WithName(nameof(DeleteUser))
            .WithTags("Users")
            .WithSummary("Delete a user (documented path)")
            .WithDescription("Removes the user from this application, with its secret. The same phone registered again gets the same id and a new secret.")
            .Declares<MessageResponse>(AuthyParameter.AuthyId, UserIp);
        group.MapPost("/users/delete/{authyId}", DeleteUser)
            .WithName("DeleteUserLegacyPath")
            .WithTags("Users")
            .WithSummary("Delete a user (node, ruby and java path)")
            .Declares<MessageResponse>(AuthyParameter.AuthyId);
        group.MapPost("/users/{authyId}/delete", DeleteUser)
            .WithName("DeleteUserPythonPath")
            .WithTags("Users")
            .WithSummary("Delete a user (python and rust path)")
            .Declares<MessageResponse>(AuthyParameter.AuthyId);

        group.MapPost("/users/{authyId}/update", UpdateUser)
            .WithName(nameof(UpdateUser))
            .WithTags("Users")
            .WithSummary("Update a user's e-mail")
            .Declares<MessageResponse>(AuthyParameter.AuthyId, Email);

        group.MapPost("/users/{authyId}/register_activity", RegisterActivity)
            .WithName(nameof(RegisterActivity))
            .WithTags("Users")
            .WithSummary("Register an activity")
            .WithDescription("Records an activity. `banned` stops codes and verification for the user in this application until `unbanned`.")
            .Declares<MessageResponse>(AuthyParameter.AuthyId, ActivityType, UserIp, ActivityData);
        return group;
    }

    internal static async Task<AuthyResult> RegisterUser(AuthyRequest request, RegisterUser registerUser, CancellationToken cancellationToken)
    {
        var command = new RegisterUserCommand(request.Get(NewEmail), request.Get(NewCellphone), request.Get(NewCountryCode));
        var outcome = await registerUser.ExecuteAsync(request.App, command, cancellationToken);
        return outcome.ToAuthyResult(id => new UserCreatedResponse("User created successfully.", new UserId(id)));
    }

    internal static async Task<AuthyResult> GetUserStatus(AuthyRequest request, GetUserStatus getUserStatus, CancellationToken cancellationToken)
    {
        var outcome = await getUserStatus.ExecuteAsync(request.App, request.Get(AuthyParameter.AuthyId), cancellationToken);
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

    internal static async Task<AuthyResult> DeleteUser(AuthyRequest request, DeleteUser deleteUser, CancellationToken cancellationToken)
    {
        var outcome = await deleteUser.ExecuteAsync(request.App, request.Get(AuthyParameter.AuthyId), cancellationToken);
        return outcome.ToAuthyResult(_ => new MessageResponse("User was added to remove."));
    }

    internal static async Task<AuthyResult> UpdateUser(AuthyRequest request, UpdateUserEmail updateUserEmail, CancellationToken cancellationToken)
    {
        var outcome = await updateUserEmail.ExecuteAsync(request.App, request.Get(AuthyParameter.AuthyId), request.Get(Email), cancellationToken);
        return outcome.ToAuthyResult(_ => new MessageResponse("User was updated successfully"));
    }

    internal static async Task<AuthyResult> RegisterActivity(AuthyRequest request, RegisterActivity registerActivity, CancellationToken cancellationToken)
    {
        var command = new RegisterActivityCommand(request.Get(ActivityType), request.Get(UserIp), request.Get(ActivityData));
        var outcome = await registerActivity.ExecuteAsync(request.App, request.Get(AuthyParameter.AuthyId), command, cancellationToken);
        return outcome.ToAuthyResult(_ => new MessageResponse("Activity was created."));
    }

    /// <summary>A value nested under a hash, <c>user[email]</c> in a form or <c>{"user":{"email":…}}</c> in JSON.</summary>
    private static AuthyParameter<string?> Nested(string hash, string key, string description) => AuthyParameter.Custom(
        AuthyParameter.InBag($"{hash}[{key}]", description, true, JsonSchemaType.String),
        r => r.Parameters.GetString(hash, key));
}
