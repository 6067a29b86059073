namespace Authy.Infrastructure;
