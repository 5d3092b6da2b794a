from tests.factories.accounts import MembershipFactory, OrganizationFactory, UserFactory

__all__ = ["MembershipFactory", "OrganizationFactory", "UserFactory"]
