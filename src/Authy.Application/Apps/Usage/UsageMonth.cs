namespace Authy.Application.Apps.Usage;

/// <summary>What one application did in one calendar month (UTC): the rows of app/stats (spec §3.11).</summary>
public sealed class UsageMonth
{
    public int AppId { get; set; }

    public int Year { get; set; }

    /// <summary>1 to 12.</summary>
    public int Month { get; set; }

    /// <summary>Authenticated requests to the Authy API.</summary>
    public long ApiCallsCount { get; set; }

    /// <summary>Tokens verified successfully.</summary>
    public long AuthsCount { get; set; }

    /// <summary>Text messages sent: tokens and phone-verification codes.</summary>
    public long SmsCount { get; set; }

    /// <summary>Voice calls placed: tokens and phone-verification codes.</summary>
    public long CallsCount { get; set; }

    /// <summary>Users added to the application.</summary>
    public long UsersCount { get; set; }
}

/// <summary>The things app/stats counts.</summary>
public enum UsageKind
{
    ApiCall,
    Auth,
    Sms,
    Call,
    UserAdded,
}
