using System.Net.Mail;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Apps.Usage;
using Authy.Application.Otp;
using Authy.Application.Outcomes;
using Authy.Application.Phones;
using Authy.Application.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Users;

/// <summary>The <c>user[...]</c> parameters of users/new, as sent.</summary>
public sealed record RegisterUserCommand(string? Email, string? Cellphone, string? CountryCode);

/// <summary>
/// users/new: one authy_id per (country code, phone), shared by every application; the calling application
/// gets a membership with its own secret. Registering again answers the same id and records the new e-mail.
/// </summary>
public sealed class RegisterUser(IAuthyDb db, ISecretProtector protector, IUsageMeter usage, WebhookEvents webhooks, TimeProvider time)
{
    public async Task<Outcome<long>> ExecuteAsync(AuthenticatedApp app, RegisterUserCommand command, CancellationToken cancellationToken)
    {
        var fields = new List<FieldProblem>();
        var email = command.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            fields.Add(new(nameof(command.Email), ValueProblem.Missing));
        }
        else if (!IsEmail(email))
        {
            fields.Add(new(nameof(command.Email), ValueProblem.Invalid));
        }

        var countryProblem = PhoneNumberParser.TryParseCountryCode(command.CountryCode, out var countryCode);
        if (countryProblem == PhoneProblem.CountryCodeMissing)
        {
            fields.Add(new(nameof(command.CountryCode), ValueProblem.Missing));
        }
        else if (countryProblem != PhoneProblem.None)
        {
            fields.Add(new(nameof(command.CountryCode), ValueProblem.Unsupported));
        }

        var phone = default(NormalizedPhone);
        var phoneProblem = countryProblem == PhoneProblem.None
            ? PhoneNumberParser.TryNormalize(countryCode, command.Cellphone, app.Settings.StrictPhoneNumbers, out phone)
            : string.IsNullOrWhiteSpace(command.Cellphone) ? PhoneProblem.NumberMissing : PhoneProblem.None;
        switch (phoneProblem)
        {
            case PhoneProblem.NumberMissing:
                fields.Add(new(nameof(command.Cellphone), ValueProblem.Missing));
                break;
            case PhoneProblem.NumberMalformed:
                fields.Add(new(nameof(command.Cellphone), ValueProblem.Invalid));
                break;
        }

        if (fields.Count > 0)
        {
            return Failures.InvalidUser(fields);
        }

        if (phoneProblem == PhoneProblem.NumberNotValid)
        {
            return Failures.InvalidPhoneNumber;
        }

        var (user, inserted) = await FindOrCreateUserAsync(phone!, cancellationToken);
        // A user this request has just inserted has no membership yet: no need to look for one. (Should a concurrent
        // registration of the same phone in the same application add it meanwhile, saving ours fails and is ignored,
        // as when both requests had looked and found none.)
        var member = inserted
            ? null
            : await db.AppUsers.FirstOrDefaultAsync(m => m.AppId == app.Id && m.UserId == user.Id, cancellationToken);
        var added = member is null;
        if (member is null)
        {
            member = new AppUser
            {
                AppId = app.Id,
                UserId = user.Id,
                Email = email,
                EncryptedSeed = protector.Protect(OtpSecret.NewSeed(), SecretPurposes.Seed),
                CreatedAt = time.GetUtcNow(),
            };
            db.AppUsers.Add(member);
            await webhooks.RaiseAsync(app.Id, WebhookEventNames.UserAdded, user.Id, null, cancellationToken);
        }
        else
        {
            member.Email = email;
        }

        await SaveIgnoringRaceAsync(cancellationToken);
        if (added)
        {
            usage.Record(app.Id, UsageKind.UserAdded);
        }

        return user.Id;
    }

    /// <summary>The user with this phone, and whether this request inserted it.</summary>
    private async Task<(User User, bool Inserted)> FindOrCreateUserAsync(NormalizedPhone phone, CancellationToken cancellationToken)
    {
        var existing = await FindUserAsync(phone, cancellationToken);
        if (existing is not null)
        {
            return (existing, false);
        }

        var user = new User { CountryCode = phone.CountryCode, PhoneNumber = phone.NationalNumber, CreatedAt = time.GetUtcNow() };
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (user, true);
        }
        catch (DbUpdateException)
        {
            // Another request registered the same phone at the same moment: its row wins, and is ours too.
            db.Users.Entry(user).State = EntityState.Detached;
            var winner = await FindUserAsync(phone, cancellationToken)
                ?? throw new InvalidOperationException("A user insert failed and no user with that phone exists.");
            return (winner, false);
        }
    }

    private Task<User?> FindUserAsync(NormalizedPhone phone, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.CountryCode == phone.CountryCode && u.PhoneNumber == phone.NationalNumber, cancellationToken);

    private async Task SaveIgnoringRaceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent registration of the same phone in the same application created the membership first
            // (and raised user_added): this request's membership and event go.
            foreach (var entry in db.AppUsers.Local.ToList())
            {
                db.AppUsers.Entry(entry).State = EntityState.Detached;
            }

            foreach (var entry in db.OutboxMessages.Local.ToList())
            {
                db.OutboxMessages.Entry(entry).State = EntityState.Detached;
            }
        }
    }

    /// <remarks>
    /// MailAddress accepts control characters inside a quoted local part (<c>"a\u000bb"@example.com</c>). No mail server
    /// delivers to such an address, and the value would be stored and echoed by users/{id}/status, so it is refused.
    /// </remarks>
    internal static bool IsEmail(string value) =>
        value.Length <= 254 && !value.Any(char.IsControl) && MailAddress.TryCreate(value, out var parsed) && parsed.Address == value
        && value.Contains('.', StringComparison.Ordinal);
}
