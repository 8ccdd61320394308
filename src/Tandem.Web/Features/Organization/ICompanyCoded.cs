namespace Tandem.Web.Features.Organization;

/// <summary>Organization master data with a code unique within its company (departments, locations, GL accounts, ...).</summary>
public interface ICompanyCoded
{
    Guid Id { get; }

    Guid CompanyId { get; }

    string Code { get; }
}
