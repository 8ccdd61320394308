namespace Tandem.Domain.Organization;

public enum GlAccountType
{
    Asset,
    Liability,
    Equity,
    Revenue,
    Expense,
}
