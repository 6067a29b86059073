using Authy.Application.Activities;
using Authy.Application.Apps;
using Authy.Application.Apps.Usage;
using Authy.Application.Devices;
using Authy.Application.Messaging;
using Authy.Application.OneTouch;
using Authy.Application.Phones.Verification;
using Authy.Application.Secrets;
using Authy.Application.Users;
using Authy.Application.Verify.Accounts;
using Authy.Application.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Abstractions;

/// <summary>The data the use cases work on. No repository layer: use cases query these sets directly (ADR 0002).</summary>
public interface IAuthyDb
{
    DbSet<App> Apps { get; }

    DbSet<User> Users { get; }

    DbSet<AppUser> AppUsers { get; }

    DbSet<Device> Devices { get; }

    DbSet<Activity> Activities { get; }

    DbSet<OutboxMessage> OutboxMessages { get; }

    DbSet<GenericSecret> GenericSecrets { get; }

    DbSet<ApprovalRequest> ApprovalRequests { get; }

    DbSet<DeviceRegistration> DeviceRegistrations { get; }

    DbSet<DeviceEvent> DeviceEvents { get; }

    DbSet<DeviceTokenUse> DeviceTokenUses { get; }

    DbSet<DeviceSeedGrant> DeviceSeedGrants { get; }

    DbSet<PhoneVerification> PhoneVerifications { get; }

    DbSet<UsageMonth> UsageMonths { get; }

    DbSet<Webhook> Webhooks { get; }

    DbSet<WebhookApiNonce> WebhookApiNonces { get; }

    DbSet<Account> Accounts { get; }

    DbSet<AccountApiKey> AccountApiKeys { get; }

    /// <summary>For the few changes that need a transaction around a conditional update and an insert.</summary>
    Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}
