using Authy.Application.Activities;
using Authy.Application.Apps;
using Authy.Application.Delivery;
using Authy.Application.Devices;
using Authy.Application.Messaging;
using Authy.Application.OneTouch;
using Authy.Application.Outbound;
using Authy.Application.Secrets;
using Authy.Application.Tokens;
using Authy.Application.Users;
using Authy.Application.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Authy.Application;

public static class DependencyInjection
{
    /// <summary>Use cases (scoped, one per operation), options and the clock.</summary>
    public static IHostApplicationBuilder AddAuthyApplication(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<TokenOptions>()
            .BindConfiguration(TokenOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<AppOptions>()
            .BindConfiguration(AppOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<OutboundOptions>()
            .BindConfiguration(OutboundOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyCache>();
        builder.Services.AddScoped<AuthenticateApp>();
        builder.Services.AddScoped<ManageApps>();
        builder.Services.AddScoped<RegisterUser>();
        builder.Services.AddScoped<GetUserStatus>();
        builder.Services.AddScoped<DeleteUser>();
        builder.Services.AddScoped<UpdateUserEmail>();
        builder.Services.AddScoped<RegisterActivity>();
        builder.Services.AddScoped<AddDevice>();
        builder.Services.AddScoped<SendLimitCounter>();
        builder.Services.AddScoped<CodeDelivery>();
        builder.Services.AddScoped<SendToken>();
        builder.Services.AddScoped<SendEmailToken>();
        builder.Services.AddScoped<VerifyToken>();
        builder.Services.AddScoped<OutboxWriter>();
        builder.Services.AddOptions<SendGuardOptions>()
            .BindConfiguration(SendGuardOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<SendGuard>();
        builder.Services.AddScoped<ListRecentMessages>();
        builder.Services.AddOptions<DeviceOptions>()
            .BindConfiguration(DeviceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<StartDeviceRegistration>();
        builder.Services.AddScoped<CompleteDeviceRegistration>();
        builder.Services.AddScoped<AuthenticateDevice>();
        builder.Services.AddScoped<DeviceQueries>();
        builder.Services.AddScoped<RemoveDevice>();
        builder.Services.AddSingleton<Phones.GetPhoneInfo>();
        builder.Services.AddScoped<Phones.Verification.StartPhoneVerification>();
        builder.Services.AddScoped<Phones.Verification.CheckPhoneVerification>();
        builder.Services.AddScoped<Phones.Verification.GetPhoneVerificationStatus>();
        builder.Services.AddScoped<Apps.Usage.GetAppStats>();
        builder.Services.AddScoped<CreateGenericSecret>();
        builder.Services.AddScoped<CreateApprovalRequest>();
        builder.Services.AddScoped<AnnouncePendingApprovals>();
        builder.Services.AddScoped<GetApprovalRequest>();
        builder.Services.AddScoped<DeviceApprovals>();
        builder.Services.AddScoped<OneTouchCallbacks>();
        builder.Services.AddScoped<DeliverCallback>();
        builder.Services.AddScoped<GetQrCode>();
        builder.Services.AddScoped<Verify.Accounts.ManageAccounts>();
        builder.Services.AddScoped<Verify.Accounts.AuthenticateAccount>();
        builder.Services.AddWebhooks();
        return builder;
    }
}
