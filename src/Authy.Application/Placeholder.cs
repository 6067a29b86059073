namespace Authy.Application;
